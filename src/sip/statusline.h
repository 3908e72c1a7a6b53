/**
 * @file statusline.h  Strict, zero-copy SIP Status-Line parser
 *
 *   Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 *                                         (RFC 3261 section 7.2, 25.1)
 *
 * The parser never allocates and never reads past the length it is given.
 * Results are slices of the caller's buffer.  It is stricter than libre's
 * sip_msg_decode on purpose: a conformance tester must see what a lenient
 * receiver forgives.
 */
#ifndef SIPCONFORM_SIP_STATUSLINE_H
#define SIPCONFORM_SIP_STATUSLINE_H

#include <re.h>

/** What is wrong with a status line (or that nothing is) */
enum sl_defect {
	SL_OK = 0,
	SL_LEADING_WS,      /**< White space (or CR/LF) before SIP-Version    */
	SL_VERSION,         /**< Not SIP/2.0 in any case                      */
	SL_VERSION_CASE,    /**< SIP/2.0 not sent upper-case (section 7.1)    */
	SL_SP_MISSING,      /**< No SP where one is required                  */
	SL_SP_DOUBLE,       /**< More than one SP between version and code    */
	SL_CODE_DIGITS,     /**< Status-Code not exactly three digits         */
	SL_CODE_RANGE,      /**< Status-Code outside 100-699                  */
	SL_REASON_CHAR,     /**< CTL, NUL, DQUOTE or other disallowed byte    */
	SL_REASON_UTF8,     /**< Ill-formed UTF-8 in Reason-Phrase            */
	SL_REASON_ESCAPE,   /**< '%' not followed by two hex digits           */
	SL_BARE_CR,         /**< CR not followed by LF                        */
	SL_BARE_LF,         /**< LF not preceded by CR                        */
	SL_TOO_LONG,        /**< No CRLF within the configured line limit     */
};

#define SL_DEFECT_COUNT (SL_TOO_LONG + 1)


/** Default line limit: longer than any sane status line, short enough
 *  that a hostile peer cannot make us scan a 64 KB datagram as one line. */
#define SL_MAXLEN_DEFAULT 1024

struct statusline {
	struct pl ver;     /**< "SIP/2.0" as sent                       */
	struct pl code;    /**< The three digits                        */
	struct pl reason;  /**< Reason-Phrase, may be empty             */
	uint16_t scode;          /**< 100-699 once the code was read, even
				      when a later defect fails the line    */
	enum sl_defect defect;   /**< SL_OK, or the first defect found        */
	size_t off;              /**< Byte offset of that defect              */
	size_t len;              /**< Bytes consumed including CRLF           */
};

/*
 * Returns 0 when buf starts with a complete status line (sl->len bytes,
 * CRLF included), ENODATA when buf is a proper prefix of one that may still
 * become valid, EBADMSG on a defect (sl->defect at byte sl->off), EINVAL on
 * bad arguments.  SL_VERSION_CASE is the one defect that is reported with
 * a return of 0: receivers read the version case-insensitively (section
 * 7.1) so the line is usable, but the sender broke a MUST.
 * maxlen 0 means SL_MAXLEN_DEFAULT; the CRLF must lie within maxlen bytes.
 */
int statusline_parse(struct statusline *sl, const char *buf, size_t len,
		     size_t maxlen);

const char *statusline_defect_name(enum sl_defect d);
const char *statusline_defect_str(enum sl_defect d);

/** What a status code means to a UAC (section 8.1.3.2, section 21) */
struct sl_class {
	uint16_t scode;        /**< The code as received                     */
	uint16_t effective;    /**< How a UAC must treat it                  */
	unsigned klass;        /**< 1..6                                     */
	bool final;            /**< 2xx-6xx                                  */
	bool registered;       /**< In the IANA registry                     */
	const char *meaning;   /**< Registered meaning of .effective         */
	const char *klass_name;/**< "Provisional", "Success", ...           */
};

int statusline_classify(struct sl_class *c, uint16_t scode);
const char *statusline_meaning(uint16_t scode);

#endif
