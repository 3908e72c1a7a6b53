/**
 * @file auth.c  Digest authentication of INVITEs (RFC 3261 section 22.4,
 *               RFC 2617 with qop=auth)
 *
 * The nonce is stateless: the time it was made and an MD5 of that time
 * under a secret of this run, so any nonce we issued verifies and no
 * other does, without a table of nonces.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "target.h"
#include "uas.h"

enum { NONCE_TS_LEN = 16, NONCE_LEN = NONCE_TS_LEN + 2 * MD5_SIZE };

static int nonce_make(char out[NONCE_LEN + 1], const char *secret,
		      uint64_t ts)
{
	uint8_t md[MD5_SIZE];
	int err;

	err = md5_printf(md, "%s:%016llx", secret, (unsigned long long)ts);
	if (err)
		return err;
	if (re_snprintf(out, NONCE_LEN + 1, "%016llx%w",
			(unsigned long long)ts, md, sizeof(md)) < 0)
		return ENOMEM;
	return 0;
}

static bool nonce_ours(const struct pl *nonce, const char *secret)
{
	char want[NONCE_LEN + 1];
	struct pl ts;
	uint64_t t;

	if (nonce->l != NONCE_LEN)
		return false;
	ts.p = nonce->p;
	ts.l = NONCE_TS_LEN;
	t = pl_x64(&ts);
	if (nonce_make(want, secret, t))
		return false;
	return !pl_strcasecmp(nonce, want);
}

/** The WWW-Authenticate value of a challenge */
int auth_challenge(char **valp, const struct tcfg *cfg, const char *secret,
		   uint64_t now_ms)
{
	char nonce[NONCE_LEN + 1];
	int err;

	err = nonce_make(nonce, secret, now_ms);
	if (err)
		return err;

	return re_sdprintf(valp, "Digest realm=\"%s\", nonce=\"%s\", "
			   "qop=\"auth\", algorithm=MD5", cfg->realm, nonce);
}

/**
 * Does the request carry valid credentials?  AUTH_NONE: none for our
 * realm, a nonce we did not issue, or unusable (challenge again);
 * AUTH_BAD: wrong user or password (403).
 */
enum auth_res auth_check(const struct tcfg *cfg, const char *secret,
			 const struct sreq *rq, uint64_t now_ms)
{
	const struct pl *h = sreq_hdr(rq, SIP_HDR_AUTHORIZATION);
	struct httpauth_digest_resp dr;
	uint8_t ha1[MD5_SIZE];

	(void)now_ms;

	if (!h || httpauth_digest_response_decode(&dr, h))
		return AUTH_NONE;
	if (pl_strcmp(&dr.realm, cfg->realm))
		return AUTH_NONE;
	if (!nonce_ours(&dr.nonce, secret))
		return AUTH_NONE;
	if (pl_strcmp(&dr.username, cfg->user))
		return AUTH_BAD;
	if (pl_isset(&dr.qop) && pl_strcasecmp(&dr.qop, "auth"))
		return AUTH_NONE;

	if (md5_printf(ha1, "%s:%s:%s", cfg->user, cfg->realm,
		       cfg->password))
		return AUTH_NONE;

	return httpauth_digest_response_auth(&dr, &rq->msg->met, ha1) ?
		AUTH_BAD : AUTH_OK;
}
