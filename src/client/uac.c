/**
 * @file uac.c  Client transactions and dialogs on our own wire
 *
 * Why not libre's sip_request(): its transport drops what sip_msg_decode
 * rejects, its INVITE client transaction absorbs retransmissions and ACKs
 * non-2xx finals out of sight.  A judge needs all of that on record, and
 * a tester needs to be able to withhold an ACK on purpose.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "client/wire.h"
#include "client/uac.h"

enum { MAX_ACKED_2XX = 64 };

struct uac_ctrans {
	struct le le;
	struct uac *u;
	char method[16];
	char branch[40];
	uint32_t cseq;
	bool invite;
	bool provisional;          /**< a 1xx arrived                       */
	bool final;                /**< a final arrived                     */
	uint16_t scode;            /**< first final                         */
	char *final_to;            /**< To of the first non-2xx final       */
	struct mbuf *mb;           /**< the request as sent                 */
	struct sa dst;             /**< where it goes, unset: the target    */
	struct tmr tmr_rt;         /**< Timer A / E                         */
	struct tmr tmr_to;         /**< Timer B / F                         */
	uint32_t rt_ms;
};

struct uac_dialog {
	struct le le;
	char *totag;
	char *to;                  /**< To header value with tag           */
	char *target;              /**< remote target (Contact URI)         */
	char *route;               /**< Route header value, or NULL         */
	struct sa dst;             /**< next hop (8.1.2), unset: the target */
	uint32_t cseq;             /**< our local CSeq in the dialog        */
	uint32_t rseq_acked;       /**< highest RSeq we PRACKed             */
	bool confirmed;            /**< a 2xx created it                    */
	bool byed;
};

struct uac {
	struct uac_cfg cfg;
	struct trace *t;
	struct wire *w;
	struct sa local;
	char *from_uri;
	char callid[40];
	char ftag[24];
	char *last_auth;           /**< Authorization header of the last
				        INVITE, kept for its CANCEL         */
	uint32_t cseq;
	struct list ctl;
	struct list dialogs;
	struct uac_ctrans *invite; /**< the current INVITE                  */
	uint32_t acked_cseq[MAX_ACKED_2XX];
	unsigned pending_acks;
	uac_resp_h *resph;
	uac_timeout_h *toh;
	uac_req_h *reqh;
	uac_close_h *closeh;
	void *arg;
};

static const char *tp_name(enum sip_transp tp)
{
	return tp == SIP_TRANSP_TCP ? "TCP" : "UDP";
}

static void ctrans_destructor(void *arg)
{
	struct uac_ctrans *ct = arg;

	tmr_cancel(&ct->tmr_rt);
	tmr_cancel(&ct->tmr_to);
	list_unlink(&ct->le);
	mem_deref(ct->mb);
	mem_deref(ct->final_to);
}

static void dialog_destructor(void *arg)
{
	struct uac_dialog *d = arg;

	list_unlink(&d->le);
	mem_deref(d->totag);
	mem_deref(d->to);
	mem_deref(d->target);
	mem_deref(d->route);
}

static void uac_destructor(void *arg)
{
	struct uac *u = arg;

	list_flush(&u->ctl);
	list_flush(&u->dialogs);
	mem_deref(u->w);
	mem_deref(u->from_uri);
	mem_deref(u->last_auth);
}

/* -- sending ------------------------------------------------------------- */

static int send_mb(struct uac *u, struct mbuf *mb)
{
	return wire_send(u->w, mb->buf, mb->end);
}

static int send_mb_to(struct uac *u, const struct sa *dst, struct mbuf *mb)
{
	return wire_send_to(u->w, sa_isset(dst, SA_ALL) ? dst : NULL,
			    mb->buf, mb->end);
}

static int print_via(struct mbuf *mb, const struct uac *u, const char *branch)
{
	/* --via-host: a sent-by that is not the source address, so the
	 * target owes a received parameter (18.2.1) */
	if (u->cfg.via_host)
		return mbuf_printf(mb, "Via: SIP/2.0/%s %s:%u;branch=%s%s\r\n",
				   tp_name(u->cfg.tp), u->cfg.via_host,
				   sa_port(&u->local), branch,
				   u->cfg.rport ? ";rport" : "");

	return mbuf_printf(mb, "Via: SIP/2.0/%s %J;branch=%s%s\r\n",
			   tp_name(u->cfg.tp), &u->local, branch,
			   u->cfg.rport ? ";rport" : "");
}

static int print_common(struct mbuf *mb, const struct uac *u)
{
	int err = mbuf_printf(mb, "Max-Forwards: 70\r\n"
			      "From: <%s>;tag=%s\r\n", u->from_uri, u->ftag);

	if (u->cfg.timestamp)
		err |= mbuf_printf(mb, "Timestamp: %llu\r\n",
				   (unsigned long long)wire_now(u->w) / 1000);
	return err;
}

static void new_branch(char *buf, size_t sz)
{
	char r[17];

	rand_str(r, sizeof(r));
	re_snprintf(buf, sz, "z9hG4bK-sc-%s", r);
}

static int sdp_offer(struct mbuf *mb, const struct uac *u)
{
	const bool v6 = sa_af(&u->local) == AF_INET6;
	char body[512];
	int n;

	n = re_snprintf(body, sizeof(body),
			"v=0\r\n"
			"o=sipconform 1 1 IN %s %j\r\n"
			"s=sipconform\r\n"
			"c=IN %s %j\r\n"
			"t=0 0\r\n"
			"m=audio 49170 RTP/AVP 0 8 101\r\n"
			"a=rtpmap:0 PCMU/8000\r\n"
			"a=rtpmap:8 PCMA/8000\r\n"
			"a=rtpmap:101 telephone-event/8000\r\n"
			"a=sendrecv\r\n",
			v6 ? "IP6" : "IP4", &u->local,
			v6 ? "IP6" : "IP4", &u->local);
	if (n < 0)
		return ENOMEM;

	return mbuf_printf(mb, "Content-Type: application/sdp\r\n"
			   "Content-Length: %d\r\n\r\n%s", n, body);
}

static void retransmit(void *arg);
static void timeout(void *arg);

/* Start a client transaction over the request in mb */
static int ctrans_start(struct uac *u, struct uac_ctrans **ctp,
			const char *method, const char *branch,
			uint32_t cseq, const struct sa *dst, struct mbuf *mb)
{
	struct uac_ctrans *ct;
	int err;

	ct = mem_zalloc(sizeof(*ct), ctrans_destructor);
	if (!ct)
		return ENOMEM;

	ct->u = u;
	str_ncpy(ct->method, method, sizeof(ct->method));
	str_ncpy(ct->branch, branch, sizeof(ct->branch));
	ct->cseq = cseq;
	ct->invite = !strcmp(method, "INVITE");
	ct->mb = mem_ref(mb);
	if (dst)
		ct->dst = *dst;
	tmr_init(&ct->tmr_rt);
	tmr_init(&ct->tmr_to);
	list_append(&u->ctl, &ct->le, ct);

	err = send_mb_to(u, &ct->dst, mb);
	if (err) {
		mem_deref(ct);
		return err;
	}

	/* Timer A / E only where the transport is unreliable (17.1.1.2) */
	if (u->cfg.tp == SIP_TRANSP_UDP) {
		ct->rt_ms = u->cfg.t1_ms;
		tmr_start(&ct->tmr_rt, ct->rt_ms, retransmit, ct);
	}
	tmr_start(&ct->tmr_to, 64 * (uint64_t)u->cfg.t1_ms, timeout, ct);

	if (ctp)
		*ctp = ct;
	return 0;
}

static void retransmit(void *arg)
{
	struct uac_ctrans *ct = arg;
	struct uac *u = ct->u;

	if (ct->final || (ct->invite && ct->provisional))
		return;

	send_mb_to(u, &ct->dst, ct->mb);

	/* Timer A doubles without bound, Timer E caps at T2, and after a
	 * provisional Timer E fires every T2 (17.1.2.2) */
	ct->rt_ms *= 2;
	if (!ct->invite && ct->rt_ms > u->cfg.t2_ms)
		ct->rt_ms = u->cfg.t2_ms;
	if (!ct->invite && ct->provisional)
		ct->rt_ms = u->cfg.t2_ms;
	tmr_start(&ct->tmr_rt, ct->rt_ms, retransmit, ct);
}

static void timeout(void *arg)
{
	struct uac_ctrans *ct = arg;
	struct uac *u = ct->u;

	tmr_cancel(&ct->tmr_rt);
	if (ct->final)
		return;

	trace_note(u->t, wire_now(u->w), "%s transaction timed out (64*T1)",
		   ct->method);
	ct->final = true;
	if (u->toh)
		u->toh(ct, u->arg);
}

/* -- digest (RFC 2617 as used by RFC 3261 section 22) ------------------- */

static int hex_md5(char out[MD5_STR_SIZE], const char *fmt, ...)
{
	uint8_t md[MD5_SIZE];
	char *s = NULL;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = re_vsdprintf(&s, fmt, ap);
	va_end(ap);
	if (err)
		return err;

	md5((uint8_t *)s, strlen(s), md);
	mem_deref(s);
	for (int i = 0; i < MD5_SIZE; i++)
		re_snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

static int auth_header(struct uac *u, const struct jmsg *ch, char **hdrp)
{
	const enum hdr_id id = ch->d.scode == 407 ? HDR_PROXY_AUTHENTICATE
		: HDR_WWW_AUTHENTICATE;
	const struct msg_hdr *h = message_hdr(ch->m, id);
	struct httpauth_digest_chall c;
	char ha1[MD5_STR_SIZE], ha2[MD5_STR_SIZE], resp[MD5_STR_SIZE];
	char cnonce[17];
	bool qop;
	int err;

	if (!h || !u->cfg.user || !u->cfg.password)
		return ENOENT;

	err = httpauth_digest_challenge_decode(&c, &h->val);
	if (err)
		return err;

	if (pl_isset(&c.algorithm) && pl_strcasecmp(&c.algorithm, "MD5"))
		return ENOTSUP;

	qop = pl_isset(&c.qop) && re_regex(c.qop.p, c.qop.l, "auth") == 0;
	rand_str(cnonce, sizeof(cnonce));

	err  = hex_md5(ha1, "%s:%r:%s", u->cfg.user, &c.realm,
		       u->cfg.password);
	err |= hex_md5(ha2, "INVITE:%s", u->cfg.ruri);
	if (qop)
		err |= hex_md5(resp, "%s:%r:00000001:%s:auth:%s", ha1,
			       &c.nonce, cnonce, ha2);
	else
		err |= hex_md5(resp, "%s:%r:%s", ha1, &c.nonce, ha2);
	if (err)
		return ENOMEM;

	return re_sdprintf(hdrp, "%s: Digest username=\"%s\", realm=\"%r\", "
			   "nonce=\"%r\", uri=\"%s\", response=\"%s\", "
			   "algorithm=MD5%s%s%s%s%r%s\r\n",
			   ch->d.scode == 407 ? "Proxy-Authorization"
			   : "Authorization",
			   u->cfg.user, &c.realm, &c.nonce, u->cfg.ruri, resp,
			   qop ? ", qop=auth, nc=00000001, cnonce=\"" : "",
			   qop ? cnonce : "", qop ? "\"" : "",
			   pl_isset(&c.opaque) ? ", opaque=\"" : "",
			   &c.opaque, pl_isset(&c.opaque) ? "\"" : "");
}

bool uac_has_credentials(const struct uac *u)
{
	return u->cfg.user && u->cfg.password;
}

/* -- requests ------------------------------------------------------------ */

int uac_invite(struct uac *u, struct uac_ctrans **ctp,
	       const struct jmsg *challenge)
{
	struct mbuf *mb;
	char branch[40];
	char *auth = NULL;
	int err;

	if (challenge) {
		err = auth_header(u, challenge, &auth);
		if (err)
			return err;
	}

	mb = mbuf_alloc(1024);
	if (!mb) {
		mem_deref(auth);
		return ENOMEM;
	}

	new_branch(branch, sizeof(branch));
	u->cseq++;

	err  = mbuf_printf(mb, "INVITE %s SIP/2.0\r\n", u->cfg.ruri);
	err |= print_via(mb, u, branch);
	err |= print_common(mb, u);
	err |= mbuf_printf(mb, "To: <%s>\r\n"
			   "Call-ID: %s\r\n"
			   "CSeq: %u INVITE\r\n"
			   "Contact: <sip:sipconform@%J%s>\r\n"
			   "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK\r\n"
			   "User-Agent: sipconform/" PACKAGE_VERSION "\r\n",
			   u->cfg.ruri, u->callid, u->cseq, &u->local,
			   u->cfg.tp == SIP_TRANSP_TCP ? ";transport=tcp" : "");
	if (u->cfg.require_100rel)
		err |= mbuf_printf(mb, "Require: 100rel\r\n");
	if (!u->cfg.no_100rel)
		err |= mbuf_printf(mb, "Supported: 100rel\r\n");
	if (auth)
		err |= mbuf_write_str(mb, auth);
	if (u->cfg.sdp)
		err |= sdp_offer(mb, u);
	else
		err |= mbuf_printf(mb, "Content-Length: 0\r\n\r\n");

	mem_deref(u->last_auth);
	u->last_auth = auth;

	if (!err)
		err = ctrans_start(u, &u->invite, "INVITE", branch, u->cseq,
				   NULL, mb);
	mem_deref(mb);

	if (!err && ctp)
		*ctp = u->invite;
	return err;
}

int uac_cancel(struct uac *u, struct uac_ctrans *inv, struct uac_ctrans **ctp)
{
	struct mbuf *mb;
	int err;

	if (!inv || !inv->invite)
		return EINVAL;

	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;

	/* same Request-URI, Call-ID, To, From, CSeq number and top Via as
	 * the INVITE (section 9.1) */
	err  = mbuf_printf(mb, "CANCEL %s SIP/2.0\r\n", u->cfg.ruri);
	err |= print_via(mb, u, inv->branch);
	err |= print_common(mb, u);
	err |= mbuf_printf(mb, "To: <%s>\r\nCall-ID: %s\r\n"
			   "CSeq: %u CANCEL\r\n"
			   "User-Agent: sipconform/" PACKAGE_VERSION "\r\n"
			   "Content-Length: 0\r\n\r\n",
			   u->cfg.ruri, u->callid, inv->cseq);
	if (!err)
		err = ctrans_start(u, ctp, "CANCEL", inv->branch, inv->cseq,
				   NULL, mb);
	mem_deref(mb);
	return err;
}

int uac_options(struct uac *u, struct uac_ctrans **ctp)
{
	struct mbuf *mb;
	char branch[40];
	int err;

	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;

	new_branch(branch, sizeof(branch));
	u->cseq++;

	err  = mbuf_printf(mb, "OPTIONS %s SIP/2.0\r\n", u->cfg.ruri);
	err |= print_via(mb, u, branch);
	err |= print_common(mb, u);
	err |= mbuf_printf(mb, "To: <%s>\r\nCall-ID: %s\r\n"
			   "CSeq: %u OPTIONS\r\n"
			   "Contact: <sip:sipconform@%J%s>\r\n"
			   "Accept: application/sdp\r\n"
			   "User-Agent: sipconform/" PACKAGE_VERSION "\r\n"
			   "Content-Length: 0\r\n\r\n",
			   u->cfg.ruri, u->callid, u->cseq, &u->local,
			   u->cfg.tp == SIP_TRANSP_TCP ? ";transport=tcp" : "");
	if (!err)
		err = ctrans_start(u, ctp, "OPTIONS", branch, u->cseq, NULL,
				   mb);
	mem_deref(mb);
	return err;
}

/* A request inside a dialog: ACK (no transaction), BYE, PRACK */
static int dialog_request(struct uac *u, struct uac_dialog *d,
			  const char *method, uint32_t cseq,
			  const char *extra, struct uac_ctrans **ctp)
{
	struct mbuf *mb;
	char branch[40];
	int err;

	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;

	new_branch(branch, sizeof(branch));

	err  = mbuf_printf(mb, "%s %s SIP/2.0\r\n", method,
			   d->target ? d->target : u->cfg.ruri);
	err |= print_via(mb, u, branch);
	if (d->route)
		err |= mbuf_printf(mb, "Route: %s\r\n", d->route);
	err |= print_common(mb, u);
	err |= mbuf_printf(mb, "To: %s\r\nCall-ID: %s\r\nCSeq: %u %s\r\n"
			   "%s"
			   "User-Agent: sipconform/" PACKAGE_VERSION "\r\n"
			   "Content-Length: 0\r\n\r\n",
			   d->to, u->callid, cseq, method, extra ? extra : "");
	if (err)
		goto out;

	if (!strcmp(method, "ACK"))
		err = send_mb_to(u, &d->dst, mb);
	else
		err = ctrans_start(u, ctp, method, branch, cseq, &d->dst, mb);
 out:
	mem_deref(mb);
	return err;
}

/* -- dialogs ------------------------------------------------------------- */

static struct uac_dialog *dialog_find(struct uac *u, const struct pl *tag)
{
	struct le *le;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;
		struct pl t;

		pl_set_str(&t, d->totag);
		if (tag_eq(tag, &t))
			return d;
	}
	return NULL;
}

/* Route set: the Record-Route entries in reverse order (12.1.2) */
static int route_set(char **routep, const struct jmsg *jm)
{
	const struct message *m = jm->m;
	struct mbuf *mb;
	bool first = true;
	int err = 0;

	mb = mbuf_alloc(128);
	if (!mb)
		return ENOMEM;

	for (int i = (int)m->hdrc - 1; i >= 0; i--) {
		if (m->hdrv[i].id != HDR_RECORD_ROUTE)
			continue;
		/* one Record-Route line may list several, in order; keep the
		 * order within a line, reverse the lines */
		err |= mbuf_printf(mb, "%s%r", first ? "" : ", ",
				   &m->hdrv[i].val);
		first = false;
	}

	if (!err && !first) {
		mb->pos = 0;
		err = mbuf_strdup(mb, routep, mb->end);
	}
	mem_deref(mb);
	return err;
}

/*
 * Where requests inside the dialog go (8.1.2, 12.2.1.1): the first Route
 * when there is a route set, else the remote target.  Only an IP literal
 * is used: a name would need a DNS look-up the tester does not make, and
 * then the request goes to the target the run was pointed at.
 */
static void next_hop(struct uac_dialog *d)
{
	struct pl first, hop;
	struct sip_addr addr;
	struct uri uri;

	sa_init(&d->dst, AF_UNSPEC);

	if (d->route) {
		pl_set_str(&first, d->route);
		if (sip_addr_decode(&addr, &first))
			return;
		hop = addr.auri;
	}
	else if (d->target) {
		pl_set_str(&hop, d->target);
	}
	else {
		return;
	}

	if (uri_decode(&uri, &hop) ||
	    sa_set(&d->dst, &uri.host, uri.port ? uri.port : 5060))
		sa_init(&d->dst, AF_UNSPEC);
}

static struct uac_dialog *dialog_update(struct uac *u, const struct jmsg *jm)
{
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	const struct msg_hdr *ct = message_hdr(jm->m, HDR_CONTACT);
	struct uac_dialog *d;

	if (!jm->d.to_tag.p || !jm->d.to_tag.l || !to)
		return NULL;

	d = dialog_find(u, &jm->d.to_tag);
	if (!d) {
		d = mem_zalloc(sizeof(*d), dialog_destructor);
		if (!d)
			return NULL;
		if (pl_strdup(&d->totag, &jm->d.to_tag) ||
		    pl_strdup(&d->to, &to->val)) {
			mem_deref(d);
			return NULL;
		}
		d->cseq = u->cseq;
		list_append(&u->dialogs, &d->le, d);
	}

	/* the remote target and route set come from the latest
	 * dialog-forming response (12.1.2, 12.2.1.2) */
	if (ct) {
		struct sip_addr addr;

		if (!sip_addr_decode(&addr, &ct->val)) {
			d->target = mem_deref(d->target);
			pl_strdup(&d->target, &addr.auri);
		}
	}
	if (jm->d.scode >= 200 || !d->route) {
		d->route = mem_deref(d->route);
		route_set(&d->route, jm);
	}
	if (jm->d.scode >= 200 && jm->d.scode < 300)
		d->confirmed = true;

	next_hop(d);
	return d;
}

/* PRACK a reliable provisional we have not PRACKed yet (RFC 3262 4) */
static void prack(struct uac *u, struct uac_dialog *d, const struct jmsg *jm)
{
	char rack[64];

	if (!jm->d.has_rseq || !jm->d.require_100rel || jm->d.rseq <= d->rseq_acked)
		return;

	d->rseq_acked = jm->d.rseq;
	re_snprintf(rack, sizeof(rack), "RAck: %u %u INVITE\r\n", jm->d.rseq,
		    jm->d.cseq.num);
	if (d->cseq < u->cseq)
		d->cseq = u->cseq;
	dialog_request(u, d, "PRACK", ++d->cseq, rack, NULL);
	if (d->cseq > u->cseq)
		u->cseq = d->cseq;
}

/* ACK of a non-2xx final: inside the transaction, same branch (17.1.1.3) */
static void ack_non2xx_to(struct uac *u, struct uac_ctrans *ct,
			  const char *to)
{
	struct mbuf *mb = mbuf_alloc(512);
	int err;

	if (!mb)
		return;

	err  = mbuf_printf(mb, "ACK %s SIP/2.0\r\n", u->cfg.ruri);
	err |= print_via(mb, u, ct->branch);
	err |= print_common(mb, u);
	err |= mbuf_printf(mb, "To: %s\r\nCall-ID: %s\r\nCSeq: %u ACK\r\n"
			   "%s"
			   "User-Agent: sipconform/" PACKAGE_VERSION "\r\n"
			   "Content-Length: 0\r\n\r\n",
			   to, u->callid, ct->cseq,
			   u->last_auth ? u->last_auth : "");
	if (!err)
		send_mb(u, mb);
	mem_deref(mb);
}

static void ack_non2xx(struct uac *u, struct uac_ctrans *ct,
		       const struct jmsg *jm)
{
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	char *s = NULL;

	if (!to || pl_strdup(&s, &to->val))
		return;
	ack_non2xx_to(u, ct, s);
	mem_deref(s);
}

/* ACK of a 2xx: end to end, one for each 2xx received, retransmissions
 * and forks included (13.2.2.4) */
static void ack_2xx(struct uac *u, struct uac_dialog *d, uint32_t cseq)
{
	dialog_request(u, d, "ACK", cseq, NULL, NULL);
}

/** Send the ACKs that withhold_ack held back: the end of a no-ack run */
int uac_ack_pending(struct uac *u)
{
	struct le *le;

	u->cfg.withhold_ack = false;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;

		if (d->confirmed && u->invite)
			ack_2xx(u, d, u->invite->cseq);
	}

	if (u->invite && u->invite->final_to)
		ack_non2xx_to(u, u->invite, u->invite->final_to);
	return 0;
}

/** BYE every confirmed dialog not yet ended; returns how many */
unsigned uac_bye_all(struct uac *u)
{
	struct le *le;
	unsigned n = 0;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;

		if (!d->confirmed || d->byed)
			continue;
		d->byed = true;
		if (d->cseq < u->cseq)
			d->cseq = u->cseq;
		if (!dialog_request(u, d, "BYE", ++d->cseq, NULL, NULL))
			n++;
		if (d->cseq > u->cseq)
			u->cseq = d->cseq;
	}
	return n;
}

/** Is any non-INVITE transaction still waiting for its final? */
bool uac_busy(const struct uac *u)
{
	struct le *le;

	LIST_FOREACH(&u->ctl, le) {
		const struct uac_ctrans *ct = le->data;

		if (!ct->final)
			return true;
	}
	return false;
}

/* -- receiving ----------------------------------------------------------- */

static struct uac_ctrans *ctrans_match(struct uac *u, const struct jmsg *jm)
{
	struct le *le;

	if (!jm->d.has_via || !jm->d.has_cseq)
		return NULL;

	LIST_FOREACH(&u->ctl, le) {
		struct uac_ctrans *ct = le->data;
		struct pl b;

		pl_set_str(&b, ct->branch);
		if (branch_eq(&jm->d.via.branch, &b) &&
		    method_eq(&jm->d.cseq.met, ct->method))
			return ct;
	}
	return NULL;
}

/* A challenge the scenario will answer is ACKed even in the no-ack test:
 * the final under test is the one to the INVITE with credentials */
static bool ct_challenge(const struct uac *u, const struct uac_ctrans *ct,
			 uint16_t sc)
{
	return (sc == 401 || sc == 407) && uac_has_credentials(u) &&
		ct == u->invite && !u->last_auth;
}

static void on_response(struct uac *u, const struct jmsg *jm)
{
	struct uac_ctrans *ct = ctrans_match(u, jm);
	struct uac_dialog *d = NULL;
	uint16_t sc = jm->d.scode;

	/* a stray, or a line too broken to act on: it is in the trace,
	 * and that is all a client can do with it (18.1.2) */
	if (!ct || !sc)
		return;

	if (ct->invite && sc > 100 && sc < 300)
		d = dialog_update(u, jm);

	if (sc < 200) {
		ct->provisional = true;
		/* Proceeding: Timer A stops, and Timer B only runs in Calling
		 * (17.1.1.2); how long to wait for a final is the scenario's
		 * call.  The no-ack test withholds ACKs, never PRACKs: a
		 * target may hold its 2xx until the PRACK (RFC 3262 3). */
		if (ct->invite) {
			tmr_cancel(&ct->tmr_rt);
			tmr_cancel(&ct->tmr_to);
		}
		if (d)
			prack(u, d, jm);
	}
	else {
		bool first = !ct->final;

		tmr_cancel(&ct->tmr_rt);
		tmr_cancel(&ct->tmr_to);
		ct->final = true;
		if (first)
			ct->scode = sc;

		if (ct->invite && sc < 300) {
			if (d && !u->cfg.withhold_ack)
				ack_2xx(u, d, ct->cseq);
		}
		else if (ct->invite && (!u->cfg.withhold_ack ||
					ct_challenge(u, ct, sc))) {
			ack_non2xx(u, ct, jm);
		}
		else if (ct->invite && first) {
			const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);

			/* kept for the ACK sent when the no-ack window ends */
			if (to)
				pl_strdup(&ct->final_to, &to->val);
		}
	}

	if (u->resph)
		u->resph(ct, jm, u->arg);
}

/* Requests from the target: answer what a UA must answer */
static void on_request(struct uac *u, const struct jmsg *jm)
{
	const struct message *m = jm->m;
	struct mbuf *mb;
	uint16_t sc = 200;
	const char *reason = "OK";
	int err = 0;

	if (jmsg_method(jm, "ACK"))
		goto out;

	if (!jmsg_method(jm, "BYE") && !jmsg_method(jm, "OPTIONS") &&
	    !jmsg_method(jm, "NOTIFY")) {
		sc = 501;
		reason = "Not Implemented";
	}

	mb = mbuf_alloc(512);
	if (!mb)
		goto out;

	err |= mbuf_printf(mb, "SIP/2.0 %u %s\r\n", sc, reason);
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];

		if (h->id == HDR_VIA || h->id == HDR_FROM ||
		    h->id == HDR_CALL_ID || h->id == HDR_CSEQ ||
		    (h->id == HDR_TO))
			err |= mbuf_printf(mb, "%r: %r%s\r\n", &h->name,
					   &h->val,
					   h->id == HDR_TO && !jm->d.to_tag.p ?
					   ";tag=sipconform" : "");
	}
	err |= mbuf_printf(mb, "Content-Length: 0\r\n\r\n");
	if (!err)
		send_mb(u, mb);
	mem_deref(mb);

 out:
	if (u->reqh)
		u->reqh(jm, u->arg);
}

static void wire_recv(struct trace_ev *ev, void *arg)
{
	struct uac *u = arg;
	struct jmsg jm;

	memset(&jm, 0, sizeof(jm));
	jm.m = mem_zalloc(sizeof(*jm.m), NULL);
	if (!jm.m)
		return;

	jm.ev = ev;
	jm.idx = ev->index;
	jm.t_us = ev->t_us;
	message_scan(jm.m, (const char *)ev->data, ev->len, 0);
	message_decode(&jm.d, jm.m);

	/* A datagram whose body is shorter than its Content-Length is
	 * discarded (18.3), and so is a stream message cut off by the close:
	 * recorded and judged, never acted on */
	if (ev->incomplete || (ev->tp == SIP_TRANSP_UDP && jm.m->clen_valid &&
			       jm.m->clen > jm.m->body.l))
		goto out;

	if (jm.d.request)
		on_request(u, &jm);
	else
		on_response(u, &jm);

 out:
	mem_deref(jm.m);
}

static void wire_close(int err, void *arg)
{
	struct uac *u = arg;

	if (u->closeh)
		u->closeh(err, u->arg);
}

int uac_alloc(struct uac **up, struct trace *t, const struct uac_cfg *cfg,
	      uac_resp_h *resph, uac_timeout_h *toh, uac_req_h *reqh,
	      uac_close_h *closeh, void *arg)
{
	struct uac *u;
	int err;

	if (!up || !t || !cfg || !cfg->ruri)
		return EINVAL;

	u = mem_zalloc(sizeof(*u), uac_destructor);
	if (!u)
		return ENOMEM;

	u->cfg = *cfg;
	u->t = t;
	u->resph = resph;
	u->toh = toh;
	u->reqh = reqh;
	u->closeh = closeh;
	u->arg = arg;
	list_init(&u->ctl);
	list_init(&u->dialogs);

	err = wire_alloc(&u->w, t, cfg->tp,
			 sa_isset(&cfg->local, SA_ADDR) ? &cfg->local : NULL,
			 &cfg->peer, wire_recv, wire_close, u);
	if (err)
		goto out;
	wire_local(u->w, &u->local);

	rand_str(u->callid, 25);
	strcat(u->callid, "@sipconform");
	rand_str(u->ftag, 17);

	if (cfg->from)
		err = str_dup(&u->from_uri, cfg->from);
	else
		err = re_sdprintf(&u->from_uri, "sip:sipconform@%j",
				  &u->local);

 out:
	if (err)
		mem_deref(u);
	else
		*up = u;
	return err;
}

/** Stop all timers and close the recording */
void uac_finish(struct uac *u)
{
	struct le *le;

	LIST_FOREACH(&u->ctl, le) {
		struct uac_ctrans *ct = le->data;

		tmr_cancel(&ct->tmr_rt);
		tmr_cancel(&ct->tmr_to);
	}
	wire_finish(u->w);
}

const char *uac_ctrans_method(const struct uac_ctrans *ct)
{
	return ct->method;
}

bool uac_ctrans_final(const struct uac_ctrans *ct)
{
	return ct->final;
}

uint16_t uac_ctrans_scode(const struct uac_ctrans *ct)
{
	return ct->scode;
}
