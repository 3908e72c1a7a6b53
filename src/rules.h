/**
 * @file rules.h  The judge: rule catalogue, findings and verdicts
 *
 * The judge is pure.  Bytes and timestamps come in, findings go out; no
 * socket, clock or output format lives behind this header.  Needs <re.h>,
 * "statusline.h" and "message.h" first.
 */

enum rule_level {
	LEVEL_MUST = 0,    /**< broken: the target fails        */
	LEVEL_SHOULD,      /**< broken: a warning               */
};

/* Stable order of the catalogue; ids (the strings) are the contract. */
enum rule_id {
	/* status line (RFC 3261 section 7.1, 7.2, 25.1) */
	R_SL_LEADING_WS = 0,
	R_SL_VERSION,
	R_SL_VERSION_CASE,
	R_SL_SP,
	R_SL_CODE_DIGITS,
	R_SL_CODE_RANGE,
	R_SL_REASON_CHAR,
	R_SL_REASON_UTF8,
	R_SL_REASON_ESCAPE,
	R_SL_LINE_END,
	R_SL_TOO_LONG,

	/* framing (section 7, 7.3, 18.3, 20.14, 20.15) */
	R_FR_LINE_END,
	R_FR_END_OF_HEADERS,
	R_FR_HEADER_SYNTAX,
	R_FR_HEADER_DUPLICATE,
	R_FR_CLEN_MISMATCH,
	R_FR_CLEN_STREAM,
	R_FR_CLEN_MISSING,
	R_FR_CONTENT_TYPE,
	R_HDR_MANDATORY,

	RULE_COUNT
};

struct rule {
	const char *id;
	enum rule_level level;
	const char *rfc;        /**< "RFC 3261"                          */
	const char *section;    /**< "7.2"                               */
	const char *summary;
};

const struct rule *rule_get(enum rule_id id);
int rule_lookup(const char *id);    /* enum rule_id or -1 */
const char *rule_level_str(enum rule_level l);

/** One broken rule, pointing into the judged bytes (never copied) */
struct finding {
	struct le le;
	enum rule_id rule;
	size_t msg;            /**< index of the message in the trace      */
	uint64_t t_us;         /**< its receive time                       */
	size_t off;            /**< byte offset in that message            */
	struct pl quote;       /**< the offending line                     */
	char *detail;          /**< what exactly was wrong                 */
};

/** Which rules were checked, and what broke */
struct verdict {
	struct list findings;
	uint8_t applied[RULE_COUNT];   /**< rule had something to check    */
	uint16_t broken[RULE_COUNT];   /**< findings per rule              */
	unsigned must, should;         /**< broken MUST / SHOULD findings   */
};

void verdict_init(struct verdict *v);
void verdict_reset(struct verdict *v);
void verdict_apply(struct verdict *v, enum rule_id r);
int  verdict_add(struct verdict *v, enum rule_id r, size_t msg,
		 uint64_t t_us, size_t off, struct pl quote,
		 const char *fmt, ...);
bool verdict_failed(const struct verdict *v);

/** What the judge knows about how a message travelled */
struct msg_ctx {
	size_t index;          /**< position in the trace                  */
	uint64_t t_us;         /**< receive time                           */
	bool stream;           /**< TCP/TLS: Content-Length is required    */
};

/* Rules over a single response: status line, framing, mandatory headers */
int judge_message(struct verdict *v, const struct message *m,
		  const struct msg_ctx *ctx);
