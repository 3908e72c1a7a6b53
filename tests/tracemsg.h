/**
 * @file tracemsg.h  Messages for traces built in memory
 *
 * What the rule tests (tracebuild.h) and the structure-aware fuzz target
 * (fuzz/fuzz_trace_struct.c) build their traces from: the request every
 * table starts from, the headers its responses copy, and tb_crlfn(), which
 * turns "\n" into CRLF and fills in Content-Length unless the text already
 * has one ("Content-Length: -" drops it).  Times are in milliseconds from
 * the start of the trace.  Needs <re.h>, "trace/trace.h" first.
 */
#ifndef SIPCONFORM_TESTS_TRACEMSG_H
#define SIPCONFORM_TESTS_TRACEMSG_H

#define TB_LOCAL "127.0.0.1:5070"
#define TB_PEER  "127.0.0.1:5060"

/* The request every table starts from, and the headers its responses
 * copy; branch and CSeq are the ones tests refer to. */
#define TB_BRANCH "z9hG4bK-tb-1"
#define TB_VIA  "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" TB_BRANCH "\n"
#define TB_FROM "From: <sip:sipconform@127.0.0.1>;tag=ftag1\n"
#define TB_TO   "To: <sip:service@127.0.0.1:5060>\n"
#define TB_CALLID "Call-ID: tb-call-1@127.0.0.1\n"
#define TB_SDP \
	"v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n" \
	"m=audio 4000 RTP/AVP 0\n"

#define TB_INVITE \
	"INVITE sip:service@127.0.0.1:5060 SIP/2.0\n" TB_VIA \
	"Max-Forwards: 70\n" TB_FROM TB_TO TB_CALLID \
	"CSeq: 1 INVITE\nContact: <sip:sipconform@127.0.0.1:5070>\n" \
	"Content-Type: application/sdp\n\n" TB_SDP

/* Response headers echoing TB_INVITE; the To tag is the caller's */
#define TB_RES(status, totag)						\
	"SIP/2.0 " status "\n" TB_VIA TB_FROM				\
	"To: <sip:service@127.0.0.1:5060>" totag "\n"			\
	TB_CALLID "CSeq: 1 INVITE\n"

#define TB_ACK(totag)							\
	"ACK sip:service@127.0.0.1:5060 SIP/2.0\n"			\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-tb-ack\n"	\
	"Max-Forwards: 70\n" TB_FROM					\
	"To: <sip:service@127.0.0.1:5060>" totag "\n" TB_CALLID	\
	"CSeq: 1 ACK\n\n"

/* Where text[0..n) has its first "\n\n", NULL if nowhere */
static inline const char *tb_eoh(const char *text, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (text[i] == '\n' && text[i + 1] == '\n')
			return text + i;
	return NULL;
}

/* Whether the header block text[0..n) names a Content-Length */
static inline bool tb_has_clen(const char *text, size_t n)
{
	static const char *const names[] = {"Content-Length:", "\nl:"};

	for (size_t k = 0; k < 2; k++) {
		size_t l = strlen(names[k]);

		for (size_t i = 0; i + l <= n; i++)
			if (!memcmp(text + i, names[k], l))
				return true;
	}
	return false;
}

/* text[0..n), any bytes, with "\n" turned into CRLF and Content-Length
 * filled in; the caller derefs the result */
static inline uint8_t *tb_crlfn(const char *text, size_t n, size_t *lenp)
{
	const char *eoh = tb_eoh(text, n), *body;
	size_t extra = 0, k = 0;
	char cl[48] = "";
	bool want_cl;
	uint8_t *p;

	for (size_t i = 0; i < n; i++)
		extra += text[i] == '\n';

	/* Content-Length is computed over the CRLF form of the body */
	body = eoh ? eoh + 2 : text + n;
	want_cl = eoh && !tb_has_clen(text, n);
	if (want_cl) {
		size_t bl = (size_t)(text + n - body);

		for (const char *q = body; q < text + n; q++)
			bl += *q == '\n';
		snprintf(cl, sizeof(cl), "Content-Length: %zu\r\n", bl);
	}

	p = mem_alloc(n + extra + strlen(cl) + 1, NULL);
	for (size_t i = 0; i < n; i++) {
		if (want_cl && text + i == eoh + 1) {
			memcpy(p + k, cl, strlen(cl));
			k += strlen(cl);
		}
		if (text[i] == '\n')
			p[k++] = '\r';
		p[k++] = (uint8_t)text[i];
	}
	*lenp = k;
	return p;
}

static inline uint8_t *tb_crlf(const char *text, size_t *lenp)
{
	return tb_crlfn(text, strlen(text), lenp);
}

static inline void tb_bytes(struct trace *t, enum trace_dir dir,
			    uint32_t ms, const uint8_t *p, size_t len)
{
	struct sa local, peer;

	sa_decode(&local, TB_LOCAL, strlen(TB_LOCAL));
	sa_decode(&peer, TB_PEER, strlen(TB_PEER));
	trace_add(t, TRACE_MSG, dir, SIP_TRANSP_UDP, &local, &peer, 0,
		  (uint64_t)ms * 1000, p, len, NULL);
}

/* A message with "\n" turned into CRLF and Content-Length filled in */
static inline void tb_add(struct trace *t, enum trace_dir dir, uint32_t ms,
			  const char *text)
{
	size_t len;
	uint8_t *p = tb_crlf(text, &len);

	tb_bytes(t, dir, ms, p, len);
	mem_deref(p);
}

/* Bytes exactly as given */
static inline void tb_raw(struct trace *t, enum trace_dir dir, uint32_t ms,
			  const char *bytes, size_t len)
{
	tb_bytes(t, dir, ms, (const uint8_t *)bytes, len);
}

#define tb_out(t, ms, text) tb_add((t), TRACE_OUT, (ms), (text))
#define tb_in(t, ms, text)  tb_add((t), TRACE_IN, (ms), (text))

/* INVITE variants: extra headers go before the body */
#define TB_INVITE_HDRS(extra)						\
	"INVITE sip:service@127.0.0.1:5060 SIP/2.0\n" TB_VIA		\
	"Max-Forwards: 70\n" TB_FROM TB_TO TB_CALLID			\
	"CSeq: 1 INVITE\nContact: <sip:sipconform@127.0.0.1:5070>\n" extra
#define TB_INVITE_NOSDP TB_INVITE_HDRS("") "\n"
#define TB_INVITE_100REL						\
	TB_INVITE_HDRS("Supported: 100rel\n")				\
	"Content-Type: application/sdp\n\n" TB_SDP
#define TB_INVITE_REQ100REL						\
	TB_INVITE_HDRS("Require: 100rel\n")				\
	"Content-Type: application/sdp\n\n" TB_SDP

/* ACK for a non-2xx final: same branch as the INVITE (section 17.1.1.3) */
#define TB_ACK_NON2XX(totag)						\
	"ACK sip:service@127.0.0.1:5060 SIP/2.0\n" TB_VIA		\
	"Max-Forwards: 70\n" TB_FROM					\
	"To: <sip:service@127.0.0.1:5060>" totag "\n" TB_CALLID	\
	"CSeq: 1 ACK\n\n"

/* PRACK number n (a string: "2", "3"...) is CSeq n, branch ...-prack-n;
 * rseq is the RSeq it acknowledges of the INVITE with CSeq 1 */
#define TB_PRACK(n, totag, rseq)					\
	"PRACK sip:service@127.0.0.1:5060 SIP/2.0\n"			\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-tb-prack-" n "\n" \
	"Max-Forwards: 70\n" TB_FROM					\
	"To: <sip:service@127.0.0.1:5060>" totag "\n" TB_CALLID	\
	"CSeq: " n " PRACK\nRAck: " rseq " 1 INVITE\n\n"

/* OPTIONS (its own branch, CSeq 1 OPTIONS) and the headers its
 * responses copy */
#define TB_OPT_BRANCH "z9hG4bK-tb-opt"
#define TB_OPT_VIA \
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" TB_OPT_BRANCH "\n"
#define TB_OPTIONS							\
	"OPTIONS sip:service@127.0.0.1:5060 SIP/2.0\n" TB_OPT_VIA	\
	"Max-Forwards: 70\n" TB_FROM TB_TO				\
	"Call-ID: tb-opt-1@127.0.0.1\nCSeq: 1 OPTIONS\n"		\
	"Accept: application/sdp\n\n"
#define TB_OPT_RES(status, totag)					\
	"SIP/2.0 " status "\n" TB_OPT_VIA TB_FROM			\
	"To: <sip:service@127.0.0.1:5060>" totag "\n"			\
	"Call-ID: tb-opt-1@127.0.0.1\nCSeq: 1 OPTIONS\n"

/* CANCEL of TB_INVITE: same branch, CSeq 1 CANCEL (section 9.1), and the
 * headers its responses copy */
#define TB_CANCEL							\
	"CANCEL sip:service@127.0.0.1:5060 SIP/2.0\n" TB_VIA		\
	"Max-Forwards: 70\n" TB_FROM TB_TO TB_CALLID			\
	"CSeq: 1 CANCEL\n\n"
#define TB_CANCEL_RES(status, totag)					\
	"SIP/2.0 " status "\n" TB_VIA TB_FROM				\
	"To: <sip:service@127.0.0.1:5060>" totag "\n"			\
	TB_CALLID "CSeq: 1 CANCEL\n"

/* BYE in the dialog of TB_INVITE (its own branch, CSeq 2 BYE) */
#define TB_BYE_BRANCH "z9hG4bK-tb-bye"
#define TB_BYE_VIA \
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" TB_BYE_BRANCH "\n"
#define TB_BYE(totag)							\
	"BYE sip:service@127.0.0.1:5060 SIP/2.0\n" TB_BYE_VIA		\
	"Max-Forwards: 70\n" TB_FROM					\
	"To: <sip:service@127.0.0.1:5060>" totag "\n" TB_CALLID	\
	"CSeq: 2 BYE\n\n"
#define TB_BYE_RES(status, totag)					\
	"SIP/2.0 " status "\n" TB_BYE_VIA TB_FROM			\
	"To: <sip:service@127.0.0.1:5060>" totag "\n"			\
	TB_CALLID "CSeq: 2 BYE\n"

#endif
