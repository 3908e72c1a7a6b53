/**
 * @file hvvia.c  One via-parm (RFC 3261 section 20.42, 25.1)
 *
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *   sent-by       = host [ COLON port ]
 *   via-params    = via-ttl / via-maddr / via-received / via-branch
 *                   / via-extension
 *
 * SLASH and COLON are SWS "/" SWS and SWS ":" SWS: "SIP  /   2.0\r\n /UDP"
 * is one sent-protocol (RFC 4475 section 3.1.1.1).  Any token is a
 * transport ("UNKNOWN" in RFC 4475 section 3.1.1.10) and, by the grammar,
 * a protocol name and version: a Via that is not "SIP/2.0" is for the
 * judge to compare with the request, not a syntax fault.
 *
 * rport is RFC 3581's response-port = "rport" [EQUAL 1*DIGIT]; received
 * takes an IPv6 address with or without brackets (RFC 5118 section 4.5).
 */
#include "sip/hvrules.h"

int hvr_via(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	struct hv_via *v = &e->via;
	int err;

	(void)idx;
	err = hs_token(s, &v->proto, HV_VIA_PROTOCOL);
	if (!err)
		err = hs_sep(s, '/', HV_VIA_PROTOCOL);
	if (!err)
		err = hs_token(s, &v->version, HV_VIA_PROTOCOL);
	if (!err)
		err = hs_sep(s, '/', HV_VIA_PROTOCOL);
	if (!err)
		err = hs_token(s, &v->transport, HV_VIA_PROTOCOL);
	if (!err)
		err = hs_lws(s);
	if (!err)
		err = hostport_scan(s, &v->sent_by, HP_LWS_COLON);
	if (err)
		return err;

	return hparams_scan(s, &e->params,
			    HVP(HVP_BRANCH) | HVP(HVP_RECEIVED) |
			    HVP(HVP_RPORT) | HVP(HVP_MADDR) | HVP(HVP_TTL), 0);
}
