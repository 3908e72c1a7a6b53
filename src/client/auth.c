/**
 * @file auth.c  The digest answer to a 401/407 (RFC 2617 as RFC 3261
 *               section 22 uses it: MD5, qop=auth or none)
 */
#include <config.h>
#include <re.h>
#include "client/uac_priv.h"

bool uac_has_credentials(const struct uac *u)
{
	return u->cfg.user && u->cfg.password;
}

/** The Authorization (or Proxy-Authorization) line that answers the
 *  challenge, for a new INVITE */
int auth_answer(char **hdrp, const struct uac *u, const struct jmsg *ch)
{
	const bool proxy = ch->d.scode == 407;
	const struct msg_hdr *h = message_hdr(ch->m, proxy ?
					      HDR_PROXY_AUTHENTICATE :
					      HDR_WWW_AUTHENTICATE);
	struct httpauth_digest_chall c;
	uint8_t ha1[MD5_SIZE], ha2[MD5_SIZE], resp[MD5_SIZE];
	char cnonce[17];
	bool qop;
	int err;

	if (!h || !uac_has_credentials(u))
		return ENOENT;

	err = httpauth_digest_challenge_decode(&c, &h->val);
	if (err)
		return err;

	if (pl_isset(&c.algorithm) && pl_strcasecmp(&c.algorithm, "MD5"))
		return ENOTSUP;

	qop = pl_isset(&c.qop) && re_regex(c.qop.p, c.qop.l, "auth") == 0;
	rand_str(cnonce, sizeof(cnonce));

	err  = md5_printf(ha1, "%s:%r:%s", u->cfg.user, &c.realm,
			  u->cfg.password);
	err |= md5_printf(ha2, "INVITE:%s", u->cfg.ruri);
	if (qop)
		err |= md5_printf(resp, "%w:%r:00000001:%s:auth:%w",
				  ha1, sizeof(ha1), &c.nonce, cnonce,
				  ha2, sizeof(ha2));
	else
		err |= md5_printf(resp, "%w:%r:%w", ha1, sizeof(ha1),
				  &c.nonce, ha2, sizeof(ha2));
	if (err)
		return ENOMEM;

	return re_sdprintf(hdrp, "%s: Digest username=\"%s\", realm=\"%r\", "
			   "nonce=\"%r\", uri=\"%s\", response=\"%w\", "
			   "algorithm=MD5%s%s%s%s%r%s\r\n",
			   proxy ? "Proxy-Authorization" : "Authorization",
			   u->cfg.user, &c.realm, &c.nonce, u->cfg.ruri,
			   resp, sizeof(resp),
			   qop ? ", qop=auth, nc=00000001, cnonce=\"" : "",
			   qop ? cnonce : "", qop ? "\"" : "",
			   pl_isset(&c.opaque) ? ", opaque=\"" : "",
			   &c.opaque, pl_isset(&c.opaque) ? "\"" : "");
}
