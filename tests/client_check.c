/**
 * @file client_check.c  Is sipconform a correct UAC?  Read its saved traces
 *
 *   client_check [--ack-auth] [--ack-answer] [--prack-max N]
 *                [--adjacent-in] TRACE-FILE...
 *
 * For every response sipconform sent (its answers to the target's
 * requests, src/client/serve.c): the status line passes the strict
 * parser the judge uses (sip/statusline.h) and every header field value
 * the strict header grammar.
 * For every request sipconform sent (the OUT messages of the trace):
 * the request line is Method SP Request-URI SP SIP/2.0, the Request-URI
 * passes the project's strict URI grammar (sip/sipuri.h) and every header
 * field value its strict header grammar (sip/hvalue.h, hvalue_check):
 * what the developers' guide asks, "every request it sends passes our own
 * strict grammar", with the parser the judge trusts (25.1: an IPv6 host
 * is an IPv6reference, "[" IPv6address "]").
 * The options add checks for one item each (issue 8, section 4):
 *   --ack-auth    the ACK of a 2xx carries the credentials of its INVITE
 *                 (13.2.2.4)
 *   --ack-answer  the ACK of a 2xx with an SDP body (the offer, when the
 *                 INVITE had none) carries an SDP answer (13.2.1)
 *   --prack-max N at most N PRACKs (RFC 3262 section 4: none for an RSeq
 *                 out of order)
 *   --bye-ended   no BYE of ours after the target's BYE ended the dialog
 *                 (15.1.2)
 *   --dialog-ruri U --dialog-route U1,U2,...  requests inside the dialog
 *                 (ACK of the 2xx, BYE) have a Request-URI of user U and
 *                 Route URIs of users U1,U2,... in this order (12.1.2
 *                 route set reversed URI by URI; 12.2.1.1 strict router)
 *   --dialog-tp TP  requests inside the dialog (ACK of the 2xx, BYE) go
 *                 over TP, and their Via says so (RFC 3263 section 4.1:
 *                 the remote target's transport=)
 *   --prack-answer  the PRACK of a reliable 1xx with an SDP body (the
 *                 offer: --no-sdp) carries the answer (RFC 3262 section 5)
 *                 and the ACK of the 2xx then none
 *   --offer-inactive  our SDP offers are inactive: nothing listens on
 *                 their port (RFC 3264 section 5.1)
 *   --answer METHOD:CODE  our answer to the target's METHOD is CODE
 *                 (repeatable); a 200 to an INVITE with an offer has as
 *                 many m= lines (RFC 3264 section 6), a 405 an Allow
 *                 (21.4.6), a To tag we add at least 8 random characters
 *                 (19.3: 32 bits of randomness)
 *   --reinvite-200s MIN-MAX  our 200 to the target's INVITE is sent MIN
 *                 to MAX times: retransmitted until the ACK (13.3.1.4)
 *   --sdp-version every SDP we send has the o= of the last one, its
 *                 version one higher if the body changed, the same if not
 *                 (RFC 3264 section 8)
 *   --adjacent-in two responses that came in one TCP segment are recorded
 *                 next to each other, before what we sent in answer
 * Exit 0: all held; 1: a check failed (each printed); 2: usage or I/O.
 *
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <re.h>
#include "trace/trace.h"
#include "sip/message.h"
#include "sip/decode.h"
#include "sip/hdrlist.h"
#include "sip/hvalue.h"
#include "sip/sipuri.h"
#include "sip/statusline.h"

static unsigned failures;

static void fail(const struct trace_ev *ev, const char *what,
		 const struct pl *v)
{
	failures++;
	re_fprintf(stderr, "FAIL event %zu: %s: '%r'\n", ev->index, what, v);
}

/* Every header field value of the request by the strict grammar of
 * sip/hvalue.h (RFC 3261 section 25.1 and its companions) */
static void check_headers(const struct trace_ev *ev, const struct message *m)
{
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct hvalue hv;
		char what[128];

		if (!hvalue_check(&hv, h->id, h->val.p, h->val.l))
			continue;
		re_snprintf(what, sizeof(what), "%r: %s at %zu", &h->name,
			    hvalue_defect_name(hv.defect), hv.off);
		fail(ev, what, &h->val);
	}
}

static void check_request(const struct trace_ev *ev, const struct message *m)
{
	struct pl line = {(const char *)ev->data, 0};
	const char *eol = memchr(ev->data, '\r', ev->len);
	struct pl met, ruri, ver;
	struct sipuri su;
	enum hv_defect defect = HV_OK;
	size_t off = 0;

	line.l = eol ? (size_t)(eol - line.p) : ev->len;
	/* Request-Line = Method SP Request-URI SP SIP-Version CRLF */
	met.p = line.p;
	ruri.p = memchr(line.p, ' ', line.l);
	met.l = ruri.p ? (size_t)(ruri.p - line.p) : 0;
	ver.p = ruri.p ? memchr(ruri.p + 1, ' ',
				line.l - met.l - 1) : NULL;
	if (ruri.p && ver.p) {
		ruri.p++;
		ruri.l = (size_t)(ver.p - ruri.p);
		ver.p++;
		ver.l = line.l - (size_t)(ver.p - line.p);
	}
	if (!met.l || !ver.p || !ruri.l || pl_strcmp(&ver, "SIP/2.0") ||
	    re_regex(met.p, met.l, "[A-Z]+", NULL) ||
	    pl_strchr(&met, ' '))
		fail(ev, "request line", &line);
	/* a SIP URI (we send no other) by the strict URI grammar
	 * (sip/sipuri.h; 25.1: an IPv6 host is an IPv6reference) */
	else if (sipuri_parse(&su, ruri.p, ruri.l, &defect, &off) ||
		 !su.sip) {
		char what[96];

		re_snprintf(what, sizeof(what), "Request-URI: %s at %zu",
			    defect ? hvalue_defect_name(defect) :
			    "not a SIP URI", off);
		fail(ev, what, &ruri);
	}

	check_headers(ev, m);
}

/* A response we sent (to the target's request, serve.c): its status line
 * by the strict parser the judge uses (sip/statusline.h, section 7.2)
 * and every header field value by the strict grammar */
static void check_response(const struct trace_ev *ev,
			   const struct message *m)
{
	struct statusline sl;
	int err = statusline_parse(&sl, (const char *)ev->data, ev->len, 0);

	if (err || sl.defect != SL_OK) {
		const char *eol = memchr(ev->data, '\r', ev->len);
		struct pl line = {(const char *)ev->data,
			eol ? (size_t)(eol - (const char *)ev->data) :
			ev->len};
		char what[96];

		re_snprintf(what, sizeof(what), "status line: %s at %zu",
			    err == ENODATA ? "incomplete" :
			    statusline_defect_name(sl.defect), sl.off);
		fail(ev, what, &line);
	}
	check_headers(ev, m);
}

static bool has_credentials(const struct message *m)
{
	for (unsigned i = 0; i < m->hdrc; i++)
		if (!pl_strcasecmp(&m->hdrv[i].name, "Authorization") ||
		    !pl_strcasecmp(&m->hdrv[i].name, "Proxy-Authorization"))
			return true;
	return false;
}

/* The user part of the URI of name-addr v */
static void addr_user(const struct pl *v, struct pl *user)
{
	struct sip_addr a;

	user->p = "";
	user->l = 0;
	if (!sip_addr_decode(&a, v))
		*user = a.uri.user;
}

static void check_dialog(const struct trace_ev *ev, const struct message *m,
			 const struct msg_fields *d, const char *ruri,
			 const char *route)
{
	char got[256] = "";
	struct pl v[16], u;
	struct uri uri;
	size_t len = 0;
	unsigned n;

	if (ruri && (uri_decode(&uri, &d->ruri) ||
		     pl_strcmp(&uri.user, ruri)))
		fail(ev, "Request-URI in the dialog", &d->ruri);

	if (!route)
		return;
	for (unsigned i = 0; i < m->hdrc; i++) {
		if (pl_strcasecmp(&m->hdrv[i].name, "Route"))
			continue;
		n = hdrlist_split(&m->hdrv[i].val, v, 16);
		for (unsigned j = 0; j < n && j < 16; j++) {
			addr_user(&v[j], &u);
			len += re_snprintf(got + len, sizeof(got) - len,
					   "%s%r", len ? "," : "", &u);
		}
	}
	if (strcmp(got, route)) {
		struct pl w;

		pl_set_str(&w, got);
		fail(ev, "Route users in the dialog", &w);
	}
}

/* method equal to the part of "METHOD:CODE" before the colon */
static int pl_strncmp_method(const struct pl *met, const char *spec)
{
	const char *c = strchr(spec, ':');
	size_t n = c ? (size_t)(c - spec) : strlen(spec);

	return !(met->l == n && !memcmp(met->p, spec, n));
}

static void check_answer(const struct trace_ev *ev, const struct message *m,
			 const struct msg_fields *d, const char *spec,
			 unsigned mlines)
{
	const char *c = strchr(spec, ':');
	unsigned code = c ? (unsigned)atoi(c + 1) : 0;
	struct pl w;

	pl_set_str(&w, spec);
	if (d->scode != code)
		fail(ev, "our answer is not", &w);
	if (d->scode == 405 && !message_hdr(m, HDR_ALLOW))
		fail(ev, "405 without Allow", &w);
	if (d->scode == 200 && mlines && d->sdp_mlines != mlines)
		fail(ev, "200 with another number of m= lines", &w);
	if (d->to_tag.p && d->to_tag.l < 8)
		fail(ev, "To tag under 32 random bits", &d->to_tag);
}

/* The o= session version of SDP body b: the bytes before its digits in
 * pre, after them in post */
static bool sdp_origin(const struct pl *b, unsigned long *ver,
		       struct pl *pre, struct pl *post)
{
	struct pl sess, v;

	if (re_regex(b->p, b->l, "o=[^ ]+ [0-9]+ [0-9]+ ", NULL, &sess, &v))
		return false;
	*ver = pl_u32(&v);
	pre->p = b->p;
	pre->l = (size_t)(v.p - b->p);
	post->p = v.p + v.l;
	post->l = (size_t)(b->p + b->l - post->p);
	return true;
}

static bool pl_same(const struct pl *a, const struct pl *b)
{
	return a->l == b->l && !memcmp(a->p, b->p, a->l);
}

/* --sdp-version: body against the last SDP we sent */
static void check_sdp_version(const struct trace_ev *ev, const struct pl *b,
			      char **last)
{
	unsigned long ver, lver;
	struct pl pre, post, lpre, lpost, l;

	if (!sdp_origin(b, &ver, &pre, &post)) {
		fail(ev, "SDP without an o= line", b);
		return;
	}
	if (*last) {
		bool same;

		pl_set_str(&l, *last);
		sdp_origin(&l, &lver, &lpre, &lpost);
		same = pl_same(&pre, &lpre) && pl_same(&post, &lpost);
		if (same ? ver != lver : ver != lver + 1)
			fail(ev, same ? "o= version changed, SDP the same" :
			     "SDP changed, o= version not one higher", b);
	}
	*last = mem_deref(*last);
	pl_strdup(last, b);
}

struct sent {
	struct message m;
	struct msg_fields d;
	const struct trace_ev *ev;
};

int main(int argc, char *argv[])
{
	bool ack_auth = false, ack_answer = false, adjacent = false;
	bool bye_ended = false, inactive = false, prack_answer = false;
	const char *answers[8];
	unsigned answerc = 0;
	const char *d_ruri = NULL, *d_route = NULL, *d_tp = NULL;
	int prack_max = -1;
	int r200_min = -1, r200_max = -1;
	bool sdp_version = false;
	int i, err = 0;

	err = libre_init();
	if (err)
		return 2;

	for (i = 1; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--ack-auth"))
			ack_auth = true;
		else if (!strcmp(argv[i], "--ack-answer"))
			ack_answer = true;
		else if (!strcmp(argv[i], "--adjacent-in"))
			adjacent = true;
		else if (!strcmp(argv[i], "--answer") && i + 1 < argc &&
			 answerc < 8)
			answers[answerc++] = argv[++i];
		else if (!strcmp(argv[i], "--prack-answer"))
			prack_answer = true;
		else if (!strcmp(argv[i], "--offer-inactive"))
			inactive = true;
		else if (!strcmp(argv[i], "--bye-ended"))
			bye_ended = true;
		else if (!strcmp(argv[i], "--dialog-ruri") && i + 1 < argc)
			d_ruri = argv[++i];
		else if (!strcmp(argv[i], "--dialog-route") && i + 1 < argc)
			d_route = argv[++i];
		else if (!strcmp(argv[i], "--dialog-tp") && i + 1 < argc)
			d_tp = argv[++i];
		else if (!strcmp(argv[i], "--reinvite-200s") && i + 1 < argc &&
			 sscanf(argv[i + 1], "%d-%d", &r200_min,
				&r200_max) == 2)
			i++;
		else if (!strcmp(argv[i], "--sdp-version"))
			sdp_version = true;
		else if (!strcmp(argv[i], "--prack-max") && i + 1 < argc)
			prack_max = atoi(argv[++i]);
		else {
			fprintf(stderr, "client_check: unknown %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: client_check [OPTIONS] TRACE...\n");
		return 2;
	}

	for (; i < argc; i++) {
		struct trace *t = NULL;
		FILE *f = fopen(argv[i], "r");
		bool invite_auth[256] = {false};
		bool sdp_2xx[256] = {false}, invite_sdp[256] = {false};
		bool acked_2xx[256] = {false};
		int pracks = 0, last_dir = -1, in_run = 0;
		bool seen_out_after_seg = false, two_in = false;
		bool their_bye = false;
		bool answered[8] = {false};
		unsigned req_mlines[8] = {0};
		unsigned dialog_reqs = 0;
		int r200s = 0;
		char *last_sdp = NULL;
		struct le *le;

		if (!f || trace_load(&t, f)) {
			fprintf(stderr, "client_check: cannot read %s\n",
				argv[i]);
			return 2;
		}
		fclose(f);

		LIST_FOREACH(&t->evl, le) {
			const struct trace_ev *ev = le->data;
			struct sent s;

			if (ev->kind == TRACE_SEG) {
				in_run = 0;
				seen_out_after_seg = false;
				continue;
			}
			if (ev->kind != TRACE_MSG)
				continue;

			memset(&s, 0, sizeof(s));
			message_scan(&s.m, (const char *)ev->data, ev->len, 0);
			message_decode(&s.d, &s.m);
			s.ev = ev;

			if (ev->dir == TRACE_IN) {
				/* --adjacent-in: a message of the segment
				 * after one of ours is out of order */
				if (ev->tp == SIP_TRANSP_TCP) {
					if (seen_out_after_seg && in_run) {
						struct pl w = {"", 0};
						fail(ev, "IN after our answer "
						     "to its segment", &w);
					}
					if (++in_run >= 2)
						two_in = true;
				}
				if (s.d.has_cseq && s.d.cseq.num < 256 &&
				    msg_is_2xx(&s.d) &&
				    !pl_strcmp(&s.d.cseq.met, "INVITE") &&
				    s.d.has_sdp)
					sdp_2xx[s.d.cseq.num] = true;
				if (s.d.request && !pl_strcmp(&s.d.method, "BYE"))
					their_bye = true;
				for (unsigned k = 0; k < answerc; k++)
					if (s.d.request &&
					    !pl_strncmp_method(&s.d.method,
							       answers[k]))
						req_mlines[k] = s.d.sdp_mlines;
				last_dir = TRACE_IN;
				continue;
			}

			if (in_run)
				seen_out_after_seg = true;
			last_dir = TRACE_OUT;
			if (sdp_version && s.d.has_sdp)
				check_sdp_version(ev, &s.m.body, &last_sdp);
			if (!s.d.request && s.d.scode == 200 && s.d.has_cseq &&
			    !pl_strcmp(&s.d.cseq.met, "INVITE"))
				r200s++;
			if (!s.d.request) {
				check_response(ev, &s.m);
				/* our answers to its requests */
				for (unsigned k = 0; k < answerc; k++) {
					if (!s.d.has_cseq ||
					    pl_strncmp_method(&s.d.cseq.met,
							      answers[k]))
						continue;
					answered[k] = true;
					check_answer(ev, &s.m, &s.d, answers[k],
						     req_mlines[k]);
				}
				continue;
			}
			check_request(ev, &s.m);
			if (bye_ended && their_bye &&
			    !pl_strcmp(&s.d.method, "BYE")) {
				struct pl w = {"BYE", 3};
				fail(ev, "our BYE after the target's", &w);
			}
			if ((d_ruri || d_route || d_tp) && s.d.to_tag.p &&
			    (!pl_strcmp(&s.d.method, "BYE") ||
			     (!pl_strcmp(&s.d.method, "ACK") &&
			      !pl_strcmp(&s.d.cseq.met, "ACK")))) {
				dialog_reqs++;
				check_dialog(ev, &s.m, &s.d, d_ruri,
					     d_route);
				if (d_tp && (strcasecmp(sip_transp_name(ev->tp),
							d_tp) ||
					     pl_strcasecmp(&s.d.via.transport,
							   sip_transp_name(ev->tp))))
					fail(ev, "transport in the dialog",
					     &s.d.via.val);
			}
			if (!s.d.has_cseq || s.d.cseq.num >= 256)
				continue;

			if (inactive && s.d.has_sdp &&
			    re_regex(s.m.body.p, s.m.body.l, "a=inactive")) {
				struct pl w = {"no a=inactive", 13};
				fail(ev, "SDP offer", &w);
			}
			if (!pl_strcmp(&s.d.method, "INVITE")) {
				invite_auth[s.d.cseq.num] =
					has_credentials(&s.m);
				invite_sdp[s.d.cseq.num] = s.d.has_sdp;
			}
			else if (!pl_strcmp(&s.d.method, "PRACK")) {
				pracks++;
				if (prack_answer && !s.d.has_sdp) {
					struct pl w = {"no SDP", 6};
					fail(ev, "PRACK of a 1xx with an offer",
					     &w);
				}
			}
			else if (prack_answer && pracks &&
				 !pl_strcmp(&s.d.method, "ACK") &&
				 s.m.body.l) {
				struct pl w = {"SDP", 3};
				fail(ev, "ACK after the PRACK answered", &w);
			}
			else if (!pl_strcmp(&s.d.method, "ACK") &&
				 s.d.to_tag.p && sdp_2xx[s.d.cseq.num] &&
				 !s.m.body.l && ack_answer &&
				 !invite_sdp[s.d.cseq.num]) {
				struct pl w = {"no SDP", 6};
				fail(ev, "ACK of a 2xx with an offer", &w);
			}
			if (!pl_strcmp(&s.d.method, "ACK") && ack_auth &&
			    invite_auth[s.d.cseq.num] &&
			    !has_credentials(&s.m)) {
				struct pl w = {"no credentials", 14};
				fail(ev, "ACK of an INVITE with credentials",
				     &w);
			}
			if (!pl_strcmp(&s.d.method, "ACK"))
				acked_2xx[s.d.cseq.num] = true;
		}
		(void)last_dir;
		(void)acked_2xx;

		if (prack_answer && !pracks) {
			failures++;
			fprintf(stderr, "FAIL %s: no PRACK\n", argv[i]);
		}
		if (prack_max >= 0 && pracks > prack_max) {
			failures++;
			fprintf(stderr, "FAIL %s: %d PRACKs, at most %d\n",
				argv[i], pracks, prack_max);
		}
		for (unsigned k = 0; k < answerc; k++) {
			if (answered[k])
				continue;
			failures++;
			fprintf(stderr, "FAIL %s: no answer for %s\n",
				argv[i], answers[k]);
		}
		if ((d_ruri || d_route || d_tp) && !dialog_reqs) {
			failures++;
			fprintf(stderr, "FAIL %s: no request in a dialog\n",
				argv[i]);
		}
		if (r200_min >= 0 && (r200s < r200_min || r200s > r200_max)) {
			failures++;
			fprintf(stderr, "FAIL %s: %d 200s to the target's INVITE, "
				"want %d-%d\n", argv[i], r200s, r200_min,
				r200_max);
		}
		mem_deref(last_sdp);
		if (adjacent && !two_in) {
			failures++;
			fprintf(stderr, "FAIL %s: no two messages of one "
				"segment in a row\n", argv[i]);
		}
		mem_deref(t);
	}

	libre_close();
	return failures ? 1 : 0;
}
