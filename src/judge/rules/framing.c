/**
 * @file rules/framing.c  Single-message rules: status line, framing,
 *                        mandatory headers
 *
 * What `sipconform lint` checks in a saved response, and what the judge
 * checks in every response of a trace; judge_message() then hands the
 * response to the rest of the single-message rules (rules/single.c).
 */
#include <config.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "sip/hvalue.h"
#include "judge/rules.h"

static const enum rule_id defect_rule[SL_DEFECT_COUNT] = {
	[SL_LEADING_WS]    = R_SL_LEADING_WS,
	[SL_VERSION]       = R_SL_VERSION,
	[SL_VERSION_CASE]  = R_SL_VERSION_CASE,
	[SL_SP_MISSING]    = R_SL_SP,
	[SL_SP_DOUBLE]     = R_SL_SP,
	[SL_CODE_DIGITS]   = R_SL_CODE_DIGITS,
	[SL_CODE_RANGE]    = R_SL_CODE_RANGE,
	[SL_REASON_CHAR]   = R_SL_REASON_CHAR,
	[SL_REASON_UTF8]   = R_SL_REASON_UTF8,
	[SL_REASON_ESCAPE] = R_SL_REASON_ESCAPE,
	[SL_BARE_CR]       = R_SL_LINE_END,
	[SL_BARE_LF]       = R_SL_LINE_END,
	[SL_TOO_LONG]      = R_SL_TOO_LONG,
};

#define ADD(r, off, quote, ...) \
	err |= verdict_add(v, (r), ctx->index, ctx->t_us, (off), (quote), \
			   __VA_ARGS__)

static int check_status_line(struct verdict *v, const struct message *m,
			     const struct msg_ctx *ctx)
{
	const struct statusline *sl = &m->sl;
	int err = 0;

	for (unsigned d = 1; d < SL_DEFECT_COUNT; d++)
		verdict_apply(v, defect_rule[d]);

	if (m->sl_err == ENODATA) {
		/* a datagram or a stream message that ends inside its
		 * status line: no CRLF ever came */
		ADD(R_SL_LINE_END, m->len, m->first_line,
		    "message ends inside the Status-Line");
		return err;
	}

	if (m->sl_err && m->sl_err != EBADMSG)
		return m->sl_err;

	if (sl->defect == SL_OK)
		return 0;

	ADD(defect_rule[sl->defect], sl->off, m->first_line,
	    "%s at offset %zu", statusline_defect_str(sl->defect), sl->off);

	return err;
}

static const char *eol_str(enum eol e)
{
	switch (e) {

	case EOL_LF:   return "bare LF";
	case EOL_CR:   return "bare CR";
	case EOL_NONE: return "no line end";
	default:       return "CRLF";
	}
}

/* Header fields whose value is not a comma-separated list (section 7.3.1:
 * only those may repeat). */
static const enum hdr_id single_valued[] = {
	HDR_FROM, HDR_TO, HDR_CALL_ID, HDR_CSEQ, HDR_CONTENT_LENGTH,
	HDR_CONTENT_TYPE, HDR_MAX_FORWARDS, HDR_MIN_EXPIRES, HDR_RSEQ,
	HDR_RETRY_AFTER, HDR_TIMESTAMP,
};

static int check_headers(struct verdict *v, const struct message *m,
			 const struct msg_ctx *ctx)
{
	static const enum hdr_id mandatory[] = {
		HDR_VIA, HDR_FROM, HDR_TO, HDR_CALL_ID, HDR_CSEQ
	};
	int err = 0;

	verdict_apply(v, R_FR_LINE_END);
	verdict_apply(v, R_FR_HEADER_SYNTAX);
	verdict_apply(v, R_FR_HEADER_DUPLICATE);
	verdict_apply(v, R_HDR_MANDATORY);

	/* The parser stops at the first defect; a bare LF after an earlier
	 * defect in the same line is a second one. */
	if (m->sl_err == EBADMSG && m->sl.defect != SL_BARE_CR &&
	    m->sl.defect != SL_BARE_LF && m->sl.defect != SL_TOO_LONG &&
	    (m->first_eol == EOL_LF || m->first_eol == EOL_CR)) {
		ADD(R_SL_LINE_END, m->first_line.l, m->first_line,
		    "Status-Line ends with %s", eol_str(m->first_eol));
	}

	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];

		if (h->eol != EOL_CRLF && h->eol != EOL_NONE)
			ADD(R_FR_LINE_END, h->off + h->line.l, h->line,
			    "header line ends with %s", eol_str(h->eol));
		if (h->bad_syntax)
			ADD(R_FR_HEADER_SYNTAX, h->off, h->line,
			    "not a field-name \":\" field-value line");
	}

	for (size_t k = 0; k < ARRAY_SIZE(single_valued); k++) {
		enum hdr_id id = single_valued[k];
		const struct msg_hdr *h;
		unsigned n = message_hdr_count(m, id);

		if (n < 2)
			continue;
		for (unsigned i = 0, seen = 0; i < m->hdrc; i++) {
			h = &m->hdrv[i];
			if (h->id == id && seen++ == 1) {
				ADD(R_FR_HEADER_DUPLICATE, h->off, h->line,
				    "%s appears %u times",
				    message_hdr_name(id), n);
			}
		}
	}

	for (size_t k = 0; k < ARRAY_SIZE(mandatory); k++) {
		if (message_hdr(m, mandatory[k]))
			continue;
		ADD(R_HDR_MANDATORY, m->first_line.l, m->first_line,
		    "no %s header field", message_hdr_name(mandatory[k]));
	}

	return err;
}

/* Only CRLF pairs: keep-alives between messages on a stream */
static bool keepalives(const char *p, size_t n)
{
	if (!n || n % 2)
		return false;
	for (size_t i = 0; i < n; i += 2)
		if (p[i] != '\r' || p[i + 1] != '\n')
			return false;
	return true;
}

/* Offset of the body in the message */
static size_t eoh_end(const struct message *m)
{
	return (size_t)(m->body.p - m->buf);
}

static int check_body(struct verdict *v, const struct message *m,
		      const struct msg_ctx *ctx)
{
	const struct msg_hdr *cl = message_hdr(m, HDR_CONTENT_LENGTH);
	size_t blen;
	int err = 0;

	verdict_apply(v, R_FR_END_OF_HEADERS);

	if (!m->has_eoh) {
		ADD(R_FR_END_OF_HEADERS, m->len,
		    message_line_at(m, m->len ? m->len - 1 : 0),
		    "no empty line after the header fields");
		return err;
	}

	if (m->eoh_eol != EOL_CRLF) {
		struct pl q = {m->buf + m->eoh_off, 0};

		ADD(R_FR_LINE_END, m->eoh_off, q,
		    "the empty line ends with %s", eol_str(m->eoh_eol));
	}

	if (cl) {
		struct hvalue hv;

		verdict_apply(v, R_FR_CLEN_MISMATCH);
		/* this rule owns every defect of the Content-Length value
		 * (the strict parser's: "1*DIGIT", 20.14 and 25.1), as a
		 * length that does not parse frames no body; hdr.* stays
		 * silent on it (hdrsyntax.c) */
		if (!cl->bad_syntax &&
		    hvalue_check(&hv, HDR_CONTENT_LENGTH, cl->val.p,
				 cl->val.l) == EBADMSG)
			err |= hv_finding(v, R_FR_CLEN_MISMATCH, m, cl, &hv,
					  ctx);
		else if (!m->clen_valid)
			ADD(R_FR_CLEN_MISMATCH, cl->off, cl->line,
			    "Content-Length is not a number");
		else if (m->clen < m->body.l && ctx->stream &&
			 keepalives(m->body.p + m->clen,
				    m->body.l - (size_t)m->clen)) {
			/* section 7.5: CRLFs between messages on a stream
			 * are keep-alives (RFC 5626 section 3.5.1), not
			 * body: nothing to say */
		}
		else if (m->clen < m->body.l && !ctx->stream) {
			/* section 18.3: "If there are additional bytes in
			 * the transport packet beyond the end of the body,
			 * they MUST be discarded." The receiver's MUST: the
			 * body is what Content-Length says, and the surplus
			 * at most a sign that Content-Length understates
			 * what was meant as body (20.14, a SHOULD) */
			verdict_apply(v, R_FR_DATAGRAM_SURPLUS);
			ADD(R_FR_DATAGRAM_SURPLUS, eoh_end(m) + m->clen,
			    cl->line, "%zu bytes after the %llu-byte body "
			    "Content-Length delimits (a receiver discards "
			    "them)", m->body.l - (size_t)m->clen,
			    (unsigned long long)m->clen);
		}
		else if (m->clen != m->body.l)
			ADD(R_FR_CLEN_MISMATCH, cl->off, cl->line,
			    "Content-Length %llu, body has %zu bytes",
			    (unsigned long long)m->clen, m->body.l);
	}
	else if (ctx->stream) {
		verdict_apply(v, R_FR_CLEN_STREAM);
		ADD(R_FR_CLEN_STREAM, m->eoh_off, m->first_line,
		    "no Content-Length on a stream transport");
	}
	else {
		verdict_apply(v, R_FR_CLEN_MISSING);
		ADD(R_FR_CLEN_MISSING, m->eoh_off, m->first_line,
		    "no Content-Length");
	}

	/* the body is what Content-Length delimits when it is a number:
	 * datagram surplus and keep-alives after it are no body */
	blen = cl && m->clen_valid && m->clen < m->body.l ?
		(size_t)m->clen : m->body.l;
	if (blen) {
		verdict_apply(v, R_FR_CONTENT_TYPE);
		if (!message_hdr(m, HDR_CONTENT_TYPE))
			ADD(R_FR_CONTENT_TYPE, m->eoh_off, m->first_line,
			    "%zu bytes of body without Content-Type",
			    blen);
	}

	return err;
}

int judge_message(struct verdict *v, const struct message *m,
		  const struct msg_fields *d, const struct msg_ctx *ctx)
{
	int err;

	if (!v || !m || !d || !ctx)
		return EINVAL;

	err  = check_status_line(v, m, ctx);

	/* message_scan() keeps MSG_MAXHDRS header lines and reads no
	 * further, so the header and body rules would judge a part of the
	 * header block (a Content-Length past the limit was "missing", a
	 * bad line there unseen): not judged instead, like a Status-Line
	 * over the line limit */
	verdict_apply(v, R_FR_TOO_MANY_HEADERS);
	if (m->hdr_overflow) {
		ADD(R_FR_TOO_MANY_HEADERS, m->overflow_off,
		    message_line_at(m, m->overflow_off),
		    "more than %u header lines: the rest is not read",
		    MSG_MAXHDRS);
		return err ? ENOMEM : 0;
	}

	err |= check_headers(v, m, ctx);
	err |= check_body(v, m, ctx);
	err |= judge_single(v, m, d, ctx);

	return err ? ENOMEM : 0;
}
