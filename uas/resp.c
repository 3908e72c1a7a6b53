/**
 * @file resp.c  A response as lines that can still be edited
 *
 * The transactions build a correct response here; the misbehaviours then
 * edit the lines (drop one, break an EOL, change the Status-Line) before
 * resp_encode() turns them into bytes.  Nothing here judges or decides.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "target.h"

void resp_init(struct resp *r)
{
	memset(r, 0, sizeof(*r));
}

void resp_reset(struct resp *r)
{
	for (unsigned i = 0; i < r->hdrc; i++)
		mem_deref(r->hdrv[i].val);
	mem_deref(r->sline);
	mem_deref(r->body);
	resp_init(r);
}

/** The reason phrase we send for a code (section 21) */
const char *resp_reason(uint16_t scode)
{
	const char *s = statusline_meaning(scode);

	if (s)
		return s;
	switch (scode / 100) {

	case 1:  return "Session Progress";
	case 2:  return "OK";
	case 3:  return "Redirection";
	case 4:  return "Client Error";
	case 5:  return "Server Error";
	default: return "Global Failure";
	}
}

static int text_vset(char **textp, const char *fmt, va_list ap)
{
	char *s = NULL;
	int err = re_vsdprintf(&s, fmt, ap);

	if (err)
		return err;
	mem_deref(*textp);
	*textp = s;
	return 0;
}

/** Replace a string of a response (a header value, the Status-Line) with
 *  fmt, which may print the old one: it goes only after */
int resp_text_set(char **textp, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = text_vset(textp, fmt, ap);
	va_end(ap);
	return err;
}

int resp_status(struct resp *r, uint16_t scode, const char *reason)
{
	r->scode = scode;
	return resp_text_set(&r->sline, "SIP/2.0 %u %s", scode,
			     reason ? reason : resp_reason(scode));
}

static int hdr_vset(struct resp_hdr *h, const char *name, const char *fmt,
		    va_list ap)
{
	char *val = NULL;
	int err;

	err = re_vsdprintf(&val, fmt, ap);
	if (err)
		return err;

	memset(h, 0, sizeof(*h));
	str_ncpy(h->name, name, sizeof(h->name));
	h->val = val;
	return 0;
}

static int vinsert(struct resp *r, unsigned pos, const char *name,
		   const char *fmt, va_list ap)
{
	struct resp_hdr h;
	int err;

	if (r->hdrc >= RESP_MAXHDRS)
		return EOVERFLOW;
	if (pos > r->hdrc)
		pos = r->hdrc;

	err = hdr_vset(&h, name, fmt, ap);
	if (err)
		return err;

	memmove(&r->hdrv[pos + 1], &r->hdrv[pos],
		(r->hdrc - pos) * sizeof(r->hdrv[0]));
	r->hdrv[pos] = h;
	r->hdrc++;
	return 0;
}

int resp_add(struct resp *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vinsert(r, r->hdrc, name, fmt, ap);
	va_end(ap);
	return err;
}

int resp_insert(struct resp *r, unsigned pos, const char *name,
		const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vinsert(r, pos, name, fmt, ap);
	va_end(ap);
	return err;
}

int resp_find_idx(const struct resp *r, const char *name)
{
	for (unsigned i = 0; i < r->hdrc; i++)
		if (!str_casecmp(r->hdrv[i].name, name))
			return (int)i;
	return -1;
}

struct resp_hdr *resp_find(struct resp *r, const char *name)
{
	int i = resp_find_idx(r, name);

	return i < 0 ? NULL : &r->hdrv[i];
}

/** Remove every header called name; returns how many went */
unsigned resp_del(struct resp *r, const char *name)
{
	unsigned n = 0;
	int i;

	while ((i = resp_find_idx(r, name)) >= 0) {
		mem_deref(r->hdrv[i].val);
		memmove(&r->hdrv[i], &r->hdrv[i + 1],
			(r->hdrc - (unsigned)i - 1) * sizeof(r->hdrv[0]));
		r->hdrc--;
		n++;
	}
	return n;
}

/** Replace the value of the first header called name, or add it */
int resp_set(struct resp *r, const char *name, const char *fmt, ...)
{
	struct resp_hdr *h = resp_find(r, name);
	va_list ap;
	int err;

	va_start(ap, fmt);
	if (h)
		err = text_vset(&h->val, fmt, ap);
	else
		err = vinsert(r, r->hdrc, name, fmt, ap);
	va_end(ap);
	return err;
}

/** Set the body; ctype NULL leaves Content-Type alone */
int resp_body(struct resp *r, const char *ctype, const char *body,
	      size_t len)
{
	char *b = NULL;
	int err = 0;

	if (len) {
		b = mem_alloc(len, NULL);
		if (!b)
			return ENOMEM;
		memcpy(b, body, len);
	}

	mem_deref(r->body);
	r->body = b;
	r->bodylen = len;

	if (ctype)
		err = resp_set(r, "Content-Type", "%s", ctype);
	else if (!len)
		resp_del(r, "Content-Type");
	return err;
}

int resp_encode(const struct resp *r, struct mbuf **mbp)
{
	struct mbuf *mb;
	int err;

	mb = mbuf_alloc(512 + r->bodylen);
	if (!mb)
		return ENOMEM;

	err = mbuf_printf(mb, "%s%s", r->sline ? r->sline : "",
			  r->sl_eol ? r->sl_eol : "\r\n");

	for (unsigned i = 0; i < r->hdrc; i++) {
		const struct resp_hdr *h = &r->hdrv[i];

		err |= mbuf_printf(mb, "%s%s%s%s", h->name,
				   h->nocolon ? " " : ": ", h->val,
				   h->eol ? h->eol : "\r\n");
	}

	if (r->clen == CLEN_AUTO)
		err |= mbuf_printf(mb, "Content-Length: %zu\r\n", r->bodylen);
	else if (r->clen == CLEN_VALUE)
		err |= mbuf_printf(mb, "Content-Length: %llu\r\n",
				   (unsigned long long)r->clen_val);

	if (!r->no_eoh)
		err |= mbuf_write_str(mb, "\r\n");
	if (r->bodylen)
		err |= mbuf_write_mem(mb, (const uint8_t *)r->body,
				      r->bodylen);

	if (err) {
		mem_deref(mb);
		return ENOMEM;
	}

	mb->pos = 0;
	*mbp = mb;
	return 0;
}
