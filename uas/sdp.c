/**
 * @file sdp.c  The target's side of offer/answer (RFC 3264)
 *
 * Enough SDP to be a correct answerer: one m= line per offered m= line
 * (section 6), a rejected stream stays rejected (port 0), the first
 * offered format is accepted, and the direction is mirrored (section
 * 6.1).  No media flows; the ports are placeholders.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/sdpline.h"
#include "target.h"

enum { MEDIA_PORT = 40000 };

struct mline {
	struct pl media, port, proto, fmt;
	struct pl rtpmap[8];       /**< "rtpmap:<pt> ..." of the section   */
	unsigned nrtpmap;
	const char *dir;           /**< the offer's direction attribute    */
};

static const char *dir_attr(const struct pl *line)
{
	static const char *dirs[] = {
		"sendrecv", "sendonly", "recvonly", "inactive"
	};
	struct pl a;

	if (line->l < 2 || line->p[0] != 'a' || line->p[1] != '=')
		return NULL;
	a.p = line->p + 2;
	a.l = line->l - 2;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (!pl_strcmp(&a, dirs[i]))
			return dirs[i];
	return NULL;
}

/* RFC 3264 section 6.1: sendonly is answered recvonly and back */
static const char *dir_answer(const char *offer)
{
	if (!offer)
		return "sendrecv";
	if (!strcmp(offer, "sendonly"))
		return "recvonly";
	if (!strcmp(offer, "recvonly"))
		return "sendonly";
	return offer;
}

static void mline_attr(struct mline *m, const struct pl *line)
{
	const char *d = dir_attr(line);
	struct pl pt;

	if (d) {
		m->dir = d;
		return;
	}
	/* every rtpmap of the section: the answer lists every format of
	 * the offer, dynamic ones need theirs (RFC 4566 section 5.14) */
	if (!re_regex(line->p, line->l, "a=rtpmap:[^ ]+ ", &pt) &&
	    m->nrtpmap < ARRAY_SIZE(m->rtpmap)) {
		m->rtpmap[m->nrtpmap].p = line->p + 2;
		m->rtpmap[m->nrtpmap++].l = line->l - 2;
	}
}

/* The m= lines of the offer, at most max; returns how many there are */
static unsigned parse_offer(const struct pl *offer, struct mline *mv,
			    unsigned max)
{
	const char *sess_dir = NULL;
	struct pl rest = *offer, line;
	unsigned n = 0;

	while (sdp_next_line(&rest, &line)) {
		struct mline *m = n && n <= max ? &mv[n - 1] : NULL;

		if (line.l > 2 && !strncmp(line.p, "m=", 2)) {
			if (n++ >= max)
				continue;
			m = &mv[n - 1];
			memset(m, 0, sizeof(*m));
			m->dir = sess_dir;
			if (re_regex(line.p, line.l,
				     "m=[^ ]+ [^ ]+ [^ ]+[ ]*[^ ]*",
				     &m->media, &m->port, &m->proto, NULL,
				     &m->fmt))
				m->port = (struct pl)PL("0");
			continue;
		}
		if (!n && dir_attr(&line))
			sess_dir = dir_attr(&line);
		else if (m)
			mline_attr(m, &line);
	}
	return n;
}

static int session_head(struct mbuf *mb, const struct sa *addr,
			const struct pl *t)
{
	const char *ipv = sa_af(addr) == AF_INET6 ? "IP6" : "IP4";

	return mbuf_printf(mb, "v=0\r\n"
			   "o=sipconform-target %u 1 IN %s %j\r\n"
			   "s=-\r\n"
			   "c=IN %s %j\r\n"
			   "t=%r\r\n",
			   rand_u32() & 0x7fffffff, ipv, addr, ipv, addr, t);
}

static int done(struct mbuf *mb, char **bodyp, int err)
{
	if (!err) {
		mb->pos = 0;
		err = mbuf_strdup(mb, bodyp, mb->end);
	}
	mem_deref(mb);
	return err;
}

int sdp_answer(char **bodyp, const struct pl *offer, const struct sa *addr,
	       unsigned flaws)
{
	static const struct pl video = PL("video");
	const bool extra_m = flaws & SDP_EXTRA_M;
	const bool other_t = flaws & SDP_OTHER_T;
	const bool no_rtpmap = flaws & SDP_NO_RTPMAP;
	static const struct pl other = PL("3600 7200");
	struct pl t = PL("0 0"), rest, line;
	struct mline mv[16];
	struct mbuf *mb;
	unsigned n;
	int err;

	if (!bodyp || !offer || !addr)
		return EINVAL;

	n = parse_offer(offer, mv, ARRAY_SIZE(mv));
	for (rest = *offer; sdp_next_line(&rest, &line);) {
		if (line.l > 2 && !strncmp(line.p, "t=", 2)) {
			t.p = line.p + 2;
			t.l = line.l - 2;
			break;
		}
	}
	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;

	/* RFC 3264 section 6: "The "t=" line in the answer MUST equal that
	 * of the offer."  Ours is always "0 0"; sdp-t-line answers another */
	err = session_head(mb, addr, other_t ? &other : &t);
	for (unsigned i = 0; i < n; i++) {
		const struct mline *m = &mv[i < ARRAY_SIZE(mv) ? i : 0];
		bool rejected = i >= ARRAY_SIZE(mv) || !pl_u32(&m->port);
		/* sdp-media-type: the first stream answered as video */
		const struct pl *media = i == 0 && (flaws & SDP_OTHER_MEDIA) ?
			&video : &m->media;

		if (rejected) {
			err |= mbuf_printf(mb, "m=%r 0 %r %r\r\n", media,
					   &m->proto, &m->fmt);
			continue;
		}
		/* sdp-no-rtpmap: the offer's telephone-event (101) too, but
		 * without its a=rtpmap */
		err |= mbuf_printf(mb, "m=%r %u %r %r%s\r\n", media,
				   MEDIA_PORT + 2 * i, &m->proto, &m->fmt,
				   no_rtpmap ? " 101" : "");
		for (unsigned k = 0; k < m->nrtpmap && !no_rtpmap; k++)
			err |= mbuf_printf(mb, "a=%r\r\n", &m->rtpmap[k]);
		err |= mbuf_printf(mb, "a=%s\r\n", dir_answer(m->dir));
	}
	if (extra_m)
		err |= mbuf_printf(mb, "m=video %u RTP/AVP 96\r\n"
				   "a=rtpmap:96 H264/90000\r\n",
				   MEDIA_PORT + 100);

	return done(mb, bodyp, err);
}

int sdp_offer(char **bodyp, const struct sa *addr)
{
	static const struct pl zero = PL("0 0");
	struct mbuf *mb;
	int err;

	if (!bodyp || !addr)
		return EINVAL;

	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;

	err  = session_head(mb, addr, &zero);
	err |= mbuf_printf(mb, "m=audio %u RTP/AVP 0 8 101\r\n"
			   "a=rtpmap:0 PCMU/8000\r\n"
			   "a=rtpmap:8 PCMA/8000\r\n"
			   "a=rtpmap:101 telephone-event/8000\r\n"
			   "a=fmtp:101 0-15\r\n"
			   "a=sendrecv\r\n", MEDIA_PORT);

	return done(mb, bodyp, err);
}
