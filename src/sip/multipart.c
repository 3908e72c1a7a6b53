/**
 * @file multipart.c  The body parts of a multipart body (RFC 2046 5.1.1)
 */
#include <string.h>
#include <strings.h>
#include <re.h>
#include "sip/hdrlist.h"
#include "sip/multipart.h"
#include "sip/hvalue.h"

bool mpart_ctype_is(const struct pl *ct, const char *type)
{
	struct pl v = *ct;
	size_t n = strlen(type);

	hdrlist_trim(&v);
	if (v.l < n || strncasecmp(v.p, type, n))
		return false;
	/* the whole media type, not a prefix of "application/sdpx" */
	return v.l == n || v.p[n] == ';' || v.p[n] == ' ' || v.p[n] == '\t';
}

int mpart_boundary(const struct pl *ct, struct pl *bnd)
{
	struct hvalue hv;
	struct pl b;

	/* the strict Content-Type parser's m-type and m-parameters, not
	 * libre's lenient msg_param_decode(): a boundary is read only from
	 * a media type that parses (RFC 3261 section 20.15, 25.1) */
	if (hvalue_check(&hv, HDR_CONTENT_TYPE, ct->p, ct->l) ||
	    !HG_CASEEQ(&hv.first.token, "multipart") ||
	    !hparams_get(&hv.first.params.all, "boundary", &b) || !b.l)
		return EINVAL;
	if (b.l >= 2 && b.p[0] == '"' && b.p[b.l - 1] == '"') {
		b.p++;
		b.l -= 2;
	}
	/* RFC 2046 section 5.1.1: boundary := 0*69<bchars> bcharsnospace */
	if (!b.l || b.l > 70)
		return EINVAL;
	*bnd = b;
	return 0;
}

/* Offset of the delimiter "--" bnd at or after from that starts a line
 * of body, or body->l when there is none */
static size_t delim_find(const struct pl *body, const struct pl *bnd,
			 size_t from)
{
	for (size_t i = from; i + 2 + bnd->l <= body->l; i++) {
		if (i && body->p[i - 1] != '\n')
			continue;
		if (body->p[i] == '-' && body->p[i + 1] == '-' &&
		    !memcmp(body->p + i + 2, bnd->p, bnd->l))
			return i;
	}
	return body->l;
}

/* The end of the line starting at i: just past its LF, or body->l */
static size_t line_next(const struct pl *body, size_t i)
{
	while (i < body->l && body->p[i] != '\n')
		i++;
	return i < body->l ? i + 1 : i;
}

/* Split one part into its Content-Type and body */
static void part_split(struct pl p, struct mpart *part)
{
	memset(part, 0, sizeof(*part));

	/* header lines up to the empty line (CRLF or, leniently, LF) */
	while (p.l) {
		size_t e = 0;
		struct pl line;

		while (e < p.l && p.p[e] != '\n')
			e++;
		line.p = p.p;
		line.l = e && p.p[e - 1] == '\r' ? e - 1 : e;
		pl_advance(&p, (ssize_t)(e < p.l ? e + 1 : e));
		if (!line.l)
			break;
		if (line.l > 13 && !strncasecmp(line.p, "Content-Type:", 13)) {
			part->ctype.p = line.p + 13;
			part->ctype.l = line.l - 13;
		}
		else if (line.l > 2 && !strncasecmp(line.p, "c:", 2)) {
			part->ctype.p = line.p + 2;
			part->ctype.l = line.l - 2;
		}
	}
	if (part->ctype.p)
		hdrlist_trim(&part->ctype);
	part->body = p;
}

int mpart_next(const struct pl *body, const struct pl *bnd,
	       struct pl *pos, struct mpart *part)
{
	size_t at, start, end;

	if (!body || !bnd || !pos || !part || !bnd->l)
		return EINVAL;

	if (!pos->p)
		at = delim_find(body, bnd, 0);
	else
		at = (size_t)(pos->p - body->p);
	if (at >= body->l)
		return pos->p ? ENOENT : EBADMSG;

	/* "--" bnd "--" is the close-delimiter: no part after it */
	if (at + 2 + bnd->l + 2 <= body->l &&
	    !memcmp(body->p + at + 2 + bnd->l, "--", 2))
		return ENOENT;

	start = line_next(body, at + 2 + bnd->l);
	end = delim_find(body, bnd, start);
	if (end >= body->l)
		return EBADMSG;         /* no delimiter closes the part */

	pos->p = body->p + end;
	pos->l = body->l - end;

	/* the line end before the delimiter belongs to it */
	if (end > start && body->p[end - 1] == '\n')
		end--;
	if (end > start && body->p[end - 1] == '\r')
		end--;
	part_split((struct pl){body->p + start, end - start}, part);
	return 0;
}
