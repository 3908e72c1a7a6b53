/**
 * @file serve.c  The target's own requests: answer what a UA must answer
 *
 * A target may send BYE (after giving up on an ACK), OPTIONS or NOTIFY.
 * Those get a 200, anything else 501 (8.2.1), ACK nothing (17.2.1); the
 * scenario only notes the request.  The response copies Via, From, To,
 * Call-ID and CSeq (8.2.6.2) and adds a To tag where there is none.
 */
#include <config.h>
#include <re.h>
#include "client/uac_priv.h"

static bool copied(enum hdr_id id)
{
	return id == HDR_VIA || id == HDR_FROM || id == HDR_TO ||
		id == HDR_CALL_ID || id == HDR_CSEQ;
}

/** Answer the request jm of the target */
void serve_request(struct uac *u, const struct jmsg *jm)
{
	const struct message *m = jm->m;
	bool known = jmsg_method(jm, "BYE") || jmsg_method(jm, "OPTIONS") ||
		jmsg_method(jm, "NOTIFY");
	struct mbuf *mb;
	int err;

	if (jmsg_method(jm, "ACK"))
		return;

	mb = mbuf_alloc(512);
	if (!mb)
		return;

	err = mbuf_printf(mb, "SIP/2.0 %s\r\n",
			  known ? "200 OK" : "501 Not Implemented");
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];

		if (!copied(h->id))
			continue;
		err |= mbuf_printf(mb, "%r: %r%s\r\n", &h->name, &h->val,
				   h->id == HDR_TO && !jm->d.to_tag.p ?
				   ";tag=sipconform" : "");
	}
	err |= mbuf_write_str(mb, "Content-Length: 0\r\n\r\n");
	if (!err)
		wire_send(u->w, mb->buf, mb->end);
	mem_deref(mb);
}
