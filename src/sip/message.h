/**
 * @file message.h  One received SIP response, as the bytes show it
 *
 * A zero-copy map of a response: the strict status line, every header line
 * with how it ended, where the headers end and what body follows.  It keeps
 * what a lenient decoder would forgive (bare LF, missing empty line,
 * Content-Length against the real body), because those are what the judge
 * must see. 
 */
#ifndef SIPCONFORM_SIP_MESSAGE_H
#define SIPCONFORM_SIP_MESSAGE_H

#include <re.h>
#include "sip/statusline.h"


/** How a line ended */
enum eol {
	EOL_CRLF = 0,
	EOL_LF,     /**< bare LF                        */
	EOL_CR,     /**< bare CR followed by other data */
	EOL_NONE,   /**< input ended inside the line    */
};

/** Header fields the rules ask for; compact forms map to the same id (a new
 *  one needs its name in message.c's hdr_names and by_len) */
enum hdr_id {
	HDR_OTHER = 0,
	HDR_VIA,
	HDR_FROM,
	HDR_TO,
	HDR_CALL_ID,
	HDR_CSEQ,
	HDR_CONTENT_LENGTH,
	HDR_CONTENT_TYPE,
	HDR_CONTACT,
	HDR_RECORD_ROUTE,
	HDR_WWW_AUTHENTICATE,
	HDR_PROXY_AUTHENTICATE,
	HDR_ALLOW,
	HDR_ACCEPT,
	HDR_ACCEPT_ENCODING,
	HDR_ACCEPT_LANGUAGE,
	HDR_SUPPORTED,
	HDR_UNSUPPORTED,
	HDR_REQUIRE,
	HDR_MIN_EXPIRES,
	HDR_MIN_SE,
	HDR_RSEQ,
	HDR_TIMESTAMP,
	HDR_WARNING,
	HDR_RETRY_AFTER,
	HDR_MAX_FORWARDS,
	HDR_RACK,
	HDR_EXPIRES,
	HDR_SESSION_EXPIRES,
	HDR_DATE,
	HDR_ALLOW_EVENTS,
	HDR_ROUTE,
	HDR_COUNT
};

struct msg_hdr {
	struct pl name;        /**< as sent                                 */
	struct pl val;         /**< trimmed, may span folded lines          */
	struct pl line;        /**< the whole first line, without its EOL   */
	size_t off;            /**< offset of the line in the message       */
	enum hdr_id id;
	enum eol eol;          /**< how its lines ended: the first not CRLF  */
	bool bad_syntax;       /**< no ':' or no valid field name           */
};

#define MSG_MAXHDRS 128

struct message {
	const char *buf;
	size_t len;

	int sl_err;               /**< statusline_parse() result            */
	struct statusline sl;
	struct pl first_line;     /**< the status line up to its EOL        */
	enum eol first_eol;

	unsigned hdrc;
	uint64_t hdr_ids;         /**< bit id set: a line of header id, so
				       that message_hdr() of an absent one
				       (most of the rules' questions) needs
				       no pass over the lines             */
	bool hdr_overflow;        /**< more than MSG_MAXHDRS header lines   */
	size_t overflow_off;      /**< the first line not kept, if so       */

	bool has_eoh;             /**< empty line found                     */
	enum eol eoh_eol;         /**< how the empty line ended             */
	size_t eoh_off;
	struct pl body;           /**< everything after the empty line      */

	bool clen_valid;          /**< Content-Length present and numeric   */
	uint64_t clen;

	/* last, so that message_dup_to() can keep only the hdrc in use */
	struct msg_hdr hdrv[MSG_MAXHDRS];
};

void message_scan(struct message *m, const char *buf, size_t len,
		  size_t maxline);
const struct msg_hdr *message_hdr(const struct message *m, enum hdr_id id);
/* A copy of scanned m (its bytes are still m->buf's) into dst, in
 * message_dup_size(m) bytes (aligned for a struct message, owned by the
 * caller: an arena of many) for its hdrc header lines only, not
 * MSG_MAXHDRS: for holders of many messages (the judge's view).  Read
 * it, never scan into it or copy it by value. */
size_t message_dup_size(const struct message *m);
struct message *message_dup_to(void *dst, const struct message *m);
unsigned message_hdr_count(const struct message *m, enum hdr_id id);
const char *message_hdr_name(enum hdr_id id);
struct pl message_line_at(const struct message *m, size_t off);

#endif
