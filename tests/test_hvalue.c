/**
 * @file test_hvalue.c  The strict header-value parser, case by case
 *
 * Tables of (header, value, result, defect, offset, why).  Every input
 * sits right before a PROT_NONE page (guard.h); every proper prefix of a
 * value that is valid, or may still become valid, is parsed as well and
 * must never be EBADMSG.  Then the header fields of the messages of
 * RFC 4475 and RFC 5118 (torture.h), each with its verdict and why.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/hvalue.h"
#include "sip/message.h"
#include "testutil.h"
#include "guard.h"
#include "torture.h"

#define OK    0
#define MORE  ENODATA
#define BAD   EBADMSG

struct hcase {
	enum hdr_id id;
	const char *val;
	size_t len;
	int err;                 /* of hvalue_parse()                     */
	enum hv_defect defect;
	size_t off;
	const char *why;
};

#define C(id, s, err, d, off, why) {id, s, sizeof(s) - 1, err, d, off, why}

static const struct hcase cases[] = {

	/* -- Via ------------------------------------------------------ */
	C(HDR_VIA, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asd;rport",
	  OK, HV_OK, 0, "plain, rport without a value (RFC 3581)"),
	C(HDR_VIA, "SIP/2.0/TLS client.example.com:5061;branch=z9hG4bK74bf9"
	  ";received=192.0.2.101;rport=5061", OK, HV_OK, 0, "received, rport"),
	C(HDR_VIA, "SIP / 2.0 / UDP first.example.com: 4000;ttl=16;maddr=224"
	  ".2.0.1 ;branch=z9hG4bKa7c6a8dlze.1", OK, HV_OK, 0,
	  "section 20.42's example: LWS around '/' and ':'"),
	C(HDR_VIA, "SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3", OK,
	  HV_OK, 0, "IPv6 reference sent-by with port"),
	C(HDR_VIA, "SIP/2.0/UDP h;branch=a, SIP/2.0/TCP g:5061;branch=b", OK,
	  HV_OK, 0, "two via-parms"),
	C(HDR_VIA, "SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en",
	  OK, HV_OK, 0, "unknown transport (RFC 4475 3.1.1.10)"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=2001:db8::9:255;branch=x", OK,
	  HV_OK, 0, "received IPv6 without brackets (RFC 5118 4.5)"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=[2001:db8::9:255];branch=x", OK,
	  HV_OK, 0, "received IPv6 with brackets (RFC 5118 4.5)"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=::ffff:192.0.2.1", OK, HV_OK, 0,
	  "received IPv4-mapped IPv6"),
	C(HDR_VIA, "", MORE, HV_EMPTY, 0, "empty"),
	C(HDR_VIA, "SIP/2.0", MORE, HV_VIA_PROTOCOL, 7, "no transport yet"),
	C(HDR_VIA, "SIP/2.0/UDP", MORE, HV_SEP, 11, "no sent-by yet"),
	C(HDR_VIA, "SIP/2.0/UDP ", MORE, HV_HOST, 12, "no host yet"),
	C(HDR_VIA, "SIP/2.0 UDP h", BAD, HV_VIA_PROTOCOL, 8,
	  "no transport: '/' missing"),
	C(HDR_VIA, "SIP/2.0/UDP;branch=x", BAD, HV_SEP, 11, "no sent-by"),
	C(HDR_VIA, "SIP/2.0/UDP 192.0.2.1;;branch=x", BAD, HV_PARAM_EMPTY, 22,
	  "empty parameter"),
	C(HDR_VIA, "SIP/2.0/UDP 192.0.2.1;branch=x;", MORE, HV_PARAM_EMPTY, 31,
	  "trailing ';'"),
	C(HDR_VIA, "SIP/2.0/UDP 192.0.2.15;;,;,,", BAD, HV_PARAM_EMPTY, 23,
	  "RFC 4475 3.1.2.1"),
	C(HDR_VIA, "SIP/2.0/UDP 2001:db8::1", BAD, HV_IPV6_BARE, 12,
	  "IPv6 sent-by without brackets"),
	C(HDR_VIA, "SIP/2.0/UDP fe80::1;branch=x", BAD, HV_IPV6_BARE, 12,
	  "IPv6 sent-by without brackets, first group a hostname"),
	C(HDR_VIA, "SIP/2.0/UDP [2001:db8::1", MORE, HV_IPV6, 12,
	  "unclosed IPv6 reference"),
	C(HDR_VIA, "SIP/2.0/UDP [2001:db8::1]:0", MORE, HV_PORT, 26,
	  "port 0 (may still be 05060)"),
	C(HDR_VIA, "SIP/2.0/UDP h:0;branch=x", BAD, HV_PORT, 14, "port 0"),
	C(HDR_VIA, "SIP/2.0/UDP h:65536", BAD, HV_PORT, 14, "port > 65535"),
	C(HDR_VIA, "SIP/2.0/UDP h:050", OK, HV_OK, 0, "leading zeros in port"),
	C(HDR_VIA, "SIP/2.0/UDP h;ttl=256", BAD, HV_PARAM_VALUE, 18,
	  "ttl > 255"),
	C(HDR_VIA, "SIP/2.0/UDP h;ttl=0255", BAD, HV_PARAM_VALUE, 21,
	  "ttl = 1*3DIGIT"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=host.example.com", BAD,
	  HV_PARAM_VALUE, 23, "received is an address, not a name"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=192.0.2.300;branch=x", BAD,
	  HV_PARAM_VALUE, 23, "received octet > 255"),
	C(HDR_VIA, "SIP/2.0/UDP h;received=2001:db8:::1;branch=x", BAD,
	  HV_IPV6, 33, "received IPv6 with ':::'"),
	C(HDR_VIA, "SIP/2.0/UDP h;rport=0;branch=x", BAD, HV_PARAM_VALUE, 20,
	  "rport 0"),
	C(HDR_VIA, "SIP/2.0/UDP h;branch", MORE, HV_PARAM_VALUE, 20,
	  "branch needs a value"),
	C(HDR_VIA, "SIP/2.0/UDP h;branch;rport", BAD, HV_PARAM_VALUE, 20,
	  "branch without a value"),
	C(HDR_VIA, "SIP/2.0/UDP h;branch=\"x\"", BAD, HV_PARAM_VALUE, 21,
	  "branch is a token, not a quoted-string"),
	C(HDR_VIA, "SIP/2.0/UDP h;maddr=a..b", BAD, HV_HOST, 22,
	  "maddr with an empty label"),
	C(HDR_VIA, "SIP/2.0/UDP h , , SIP/2.0/UDP g", BAD, HV_LIST_EMPTY, 16,
	  "empty element"),
	C(HDR_VIA, "SIP/2.0/UDP h,", MORE, HV_LIST_EMPTY, 14,
	  "trailing comma"),
	C(HDR_VIA, "SIP/2.0/UDP h\r\nX", BAD, HV_FOLD, 13,
	  "line break without white space after it"),
	C(HDR_VIA, "SIP/2.0/UDP h\n branch", BAD, HV_FOLD, 13, "bare LF fold"),
	C(HDR_VIA, "SIP/2.0/UDP h;branch=a\x00", BAD, HV_CTL, 22, "raw NUL"),
	C(HDR_VIA, "SIP/2.0/UDP h_1", BAD, HV_CHAR, 13,
	  "'_' is no host character"),

	/* -- From / To: name-addr, addr-spec, display names ------------ */
	C(HDR_FROM, "<sip:alice@atlanta.example.com>;tag=1928301774", OK,
	  HV_OK, 0, "name-addr, tag"),
	C(HDR_FROM, "\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s",
	  OK, HV_OK, 0, "section 20.20"),
	C(HDR_FROM, "sip:+12125551212@server.phone2net.com;tag=887s", OK,
	  HV_OK, 0, "addr-spec, tag a header parameter (section 20.20)"),
	C(HDR_TO, "The Operator <sip:operator@cs.columbia.edu>;tag=287447",
	  OK, HV_OK, 0, "display-name of tokens (section 20.39)"),
	C(HDR_TO, "\"caf\xc3\xa9\" <sip:x@y>", OK, HV_OK, 0,
	  "UTF-8 in a quoted display-name"),
	C(HDR_TO, "\"a\\\"b\\\\\" <sip:x@y>", OK, HV_OK, 0,
	  "quoted-pairs for '\"' and '\\'"),
	C(HDR_TO, "\"a\\\x00\" <sip:x@y>", OK, HV_OK, 0,
	  "quoted-pair of a NUL (RFC 4475 3.1.1.2)"),
	C(HDR_TO, "caller<sip:caller@example.com>;tag=323", OK, HV_OK, 0,
	  "no LWS before '<' (RFC 4475 3.1.1.6)"),
	C(HDR_TO, "<sip:a@b>;tag=1;x=\"y\";z=[2001:db8::1];w", OK, HV_OK, 0,
	  "generic-params: quoted, IPv6 host, no value"),
	C(HDR_TO, "<sip:a@b", MORE, HV_ANGLE_OPEN, 0, "'<' not closed"),
	C(HDR_TO, "\"abc", MORE, HV_QUOTE_OPEN, 0, "quote not closed"),
	C(HDR_TO, "\"abc\\", MORE, HV_QUOTE_OPEN, 0,
	  "quote not closed, quoted-pair cut"),
	C(HDR_TO, "\"a\\\r\nb\" <sip:x@y>", BAD, HV_QUOTED_PAIR, 2,
	  "'\\' before CR"),
	C(HDR_TO, "\"a\\\xc3\xa9\" <sip:x@y>", BAD, HV_QUOTED_PAIR, 2,
	  "'\\' before a non-ASCII byte"),
	C(HDR_TO, "\"caf\xe9\" <sip:x@y>", BAD, HV_UTF8, 5,
	  "Latin-1 in a quoted display-name"),
	C(HDR_TO, "\"a\x01" "b\" <sip:x@y>", BAD, HV_CTL, 2,
	  "raw control byte in a quoted-string"),
	C(HDR_TO, "< sip:a@b>", BAD, HV_ANGLE_LWS, 1, "LWS after '<'"),
	C(HDR_TO, "<sip:a@b >", BAD, HV_ANGLE_LWS, 8, "LWS before '>'"),
	C(HDR_TO, "<sip:a b@c>", BAD, HV_ANGLE_LWS, 6, "LWS inside the URI"),
	C(HDR_TO, "<sip:a@b>;tag=1;tag", MORE, HV_PARAM_VALUE, 19,
	  "tag without a value yet"),
	C(HDR_TO, "<sip:a@b>;tag=\"1\"", BAD, HV_PARAM_VALUE, 14,
	  "tag is a token"),
	C(HDR_TO, "<sip:a@b>;tag=", MORE, HV_PARAM_VALUE, 14, "tag="),
	C(HDR_TO, "<sip:a@b>;;tag=1", BAD, HV_PARAM_EMPTY, 10, "';;'"),
	C(HDR_TO, "<sip:a@b>;tag=1, <sip:c@d>", BAD, HV_LIST, 15,
	  "two values in To"),
	C(HDR_TO, "sip:a@b, sip:c@d", BAD, HV_LIST, 7,
	  "two addr-specs in To"),
	C(HDR_TO, "Bob sip:bob@biloxi.com", BAD, HV_ANGLE_REQUIRED, 4,
	  "display-name without <...>"),
	C(HDR_TO, "\"Bob\" sip:bob@biloxi.com", BAD, HV_ANGLE_REQUIRED, 6,
	  "quoted display-name without <...>"),
	C(HDR_TO, "Bob", MORE, HV_ANGLE_REQUIRED, 3, "a name so far"),
	C(HDR_TO, "bob@biloxi.com", BAD, HV_URI, 0, "no scheme"),
	C(HDR_TO, "Bob <sip:bob@b> x", BAD, HV_CHAR, 16, "junk after it"),
	C(HDR_TO, "Bob \"Smith\" <sip:b@c>", BAD, HV_DISPLAY_NAME, 4,
	  "tokens and a quoted-string mixed"),
	C(HDR_TO, "Bell, Alexander <sip:a.g.bell@example.com>", BAD,
	  HV_DISPLAY_NAME, 4, "unquoted ',' (RFC 4475 3.1.2.15)"),
	C(HDR_TO, ";tag=1", BAD, HV_URI, 0, "parameters without an address"),
	C(HDR_TO, "sip:a@b?x=y", BAD, HV_ANGLE_REQUIRED, 7,
	  "'?' in an unbracketed URI (section 20.10, RFC 4475 3.1.2.13)"),
	C(HDR_TO, "sip:a@b;x=y", OK, HV_OK, 0,
	  "unbracketed: ;x=y is a header parameter"),
	C(HDR_TO, "sip:2001:db8::10", BAD, HV_IPV6_BARE, 4,
	  "RFC 5118 4.2 as a To (a password has no ':', so no '@' can "
	  "save it)"),
	C(HDR_TO, "sip:2001:db8", MORE, HV_HOST, 4,
	  "may still become sip:2001:db8@host"),
	C(HDR_TO, "isbn:2983792873", OK, HV_OK, 0,
	  "unknown scheme (RFC 4475 3.3.4)"),
	C(HDR_FROM, "<http://www.example.com>;tag=3234233", OK, HV_OK, 0,
	  "http URI (RFC 4475 3.3.4)"),

	/* -- URIs, inside <> ------------------------------------------- */
	C(HDR_CONTACT, "<sip:alice:secretword@atlanta.com;transport=tcp>", OK,
	  HV_OK, 0, "password (section 19.1.3)"),
	C(HDR_CONTACT, "<sip:+1-212-555-1212:1234@gateway.com;user=phone>",
	  OK, HV_OK, 0, "telephone user (section 19.1.3)"),
	C(HDR_CONTACT, "<sip:alice;day=tuesday@atlanta.com>", OK, HV_OK, 0,
	  "';' and '=' in the user (section 19.1.3)"),
	C(HDR_CONTACT, "<sips:1212@gateway.com>", OK, HV_OK, 0, "sips"),
	C(HDR_CONTACT, "<SIP:a@b>", OK, HV_OK, 0, "scheme in upper case"),
	C(HDR_CONTACT, "<sip:atlanta.com;method=REGISTER?to=alice%40atlanta."
	  "com>", OK, HV_OK, 0, "headers (section 19.1.3)"),
	C(HDR_CONTACT, "<sip:a@b?subject=project%20x&priority=urgent>", OK,
	  HV_OK, 0, "two headers"),
	C(HDR_CONTACT, "<sip:a@b:5060;transport=udp;ttl=15;maddr=239.255.255"
	  ".1;lr;user=ip;method=INVITE>", OK, HV_OK, 0,
	  "every uri-parameter of section 19.1.1"),
	C(HDR_CONTACT, "<sip:a@b;lr=on>", OK, HV_OK, 0,
	  "lr=on is an other-param"),
	C(HDR_CONTACT, "<sip:cal%6Cer@h;%6C%72;n%61me=v%61lue%25%34%31>", OK,
	  HV_OK, 0, "escapes everywhere (RFC 4475 3.1.1.3)"),
	C(HDR_CONTACT, "<sip:%00@host5.example.com>", OK, HV_OK, 0,
	  "%00 user (RFC 4475 3.1.1.4)"),
	C(HDR_CONTACT, "<sip:a@example.com.>", OK, HV_OK, 0, "trailing dot"),
	C(HDR_CONTACT, "<sip:a@b:05060>", OK, HV_OK, 0, "leading zero"),
	C(HDR_CONTACT, "<tel:+1-212-555-0101>", OK, HV_OK, 0, "tel URI"),
	C(HDR_CONTACT, "<http://[::1]/x>", OK, HV_OK, 0,
	  "IPv6 in an absoluteURI"),
	C(HDR_CONTACT, "<name:John_Smith>", OK, HV_OK, 0,
	  "unknown scheme (RFC 4475 3.3.4)"),
	C(HDR_CONTACT, "<sip:@b>", BAD, HV_URI_USERINFO, 5, "empty user"),
	C(HDR_CONTACT, "<sip:a\x00@b>", BAD, HV_CTL, 6, "raw NUL in the user"),
	C(HDR_CONTACT, "<sip:a\"b@c>", BAD, HV_HOST, 6,
	  "'\"' is in no part of a SIP URI"),
	C(HDR_CONTACT, "<sip:a%2@b>", BAD, HV_ESCAPE, 6, "'%' and one hex"),
	C(HDR_CONTACT, "<sip:a%2", MORE, HV_ESCAPE, 6, "escape cut"),
	C(HDR_CONTACT, "<sip:a@ex%61mple.com>", BAD, HV_HOST, 9,
	  "no escapes in a host"),
	C(HDR_CONTACT, "<sip:a@b..c>", BAD, HV_HOST, 9, "empty label"),
	C(HDR_CONTACT, "<sip:a@-b.com>", BAD, HV_HOST, 7, "label starts '-'"),
	C(HDR_CONTACT, "<sip:a@b-.com>", BAD, HV_HOST, 8, "label ends '-'"),
	C(HDR_CONTACT, "<sip:a@192.0.2.256>", BAD, HV_HOST, 15,
	  "octet > 255, and no hostname either"),
	C(HDR_CONTACT, "<sip:a@[::1]>", OK, HV_OK, 0, "loopback"),
	C(HDR_CONTACT, "<sip:a@[::]>", OK, HV_OK, 0, "unspecified"),
	C(HDR_CONTACT, "<sip:a@[1:2:3:4:5:6:7::]>", OK, HV_OK, 0,
	  "'::' for one group"),
	C(HDR_CONTACT, "<sip:a@[::ffff:192.0.2.1]:5060>", OK, HV_OK, 0,
	  "IPv4-mapped, with port"),
	C(HDR_CONTACT, "<sip:a@[1:2:3:4:5:6:1.2.3.4]>", OK, HV_OK, 0,
	  "six groups and IPv4"),
	C(HDR_CONTACT, "<sip:a@[::1:2.3.4.5]>", OK, HV_OK, 0,
	  "'::', a group, IPv4"),
	C(HDR_CONTACT, "<sip:a@[fe80::1%25eth0]>", BAD, HV_IPV6, 15,
	  "zone index (RFC 6874), not in RFC 3261 or RFC 5954"),
	C(HDR_CONTACT, "<sip:a@[1:2:3:4:5:6:7:8:9]>", BAD, HV_IPV6, 24,
	  "nine groups"),
	C(HDR_CONTACT, "<sip:a@[1:2:3:4:5:6:7]>", BAD, HV_IPV6, 21,
	  "seven groups without '::'"),
	C(HDR_CONTACT, "<sip:a@[1::2::3]>", BAD, HV_IPV6, 13, "two '::'"),
	C(HDR_CONTACT, "<sip:a@[12345::1]>", BAD, HV_IPV6, 12,
	  "five hex digits"),
	C(HDR_CONTACT, "<sip:a@[1:2:3:4:5:6:7:1.2.3.4]>", BAD, HV_IPV6, 22,
	  "seven groups and IPv4"),
	C(HDR_CONTACT, "<sip:a@[::1.2.3.256]>", BAD, HV_IPV6, 16,
	  "IPv4 octet > 255"),
	C(HDR_CONTACT, "<sip:a@[]>", BAD, HV_IPV6, 8, "empty brackets"),
	C(HDR_CONTACT, "<sip:2001:db8::10>", BAD, HV_IPV6_BARE, 5,
	  "RFC 5118 4.2 as a Contact"),
	C(HDR_CONTACT, "<sip:[2001:db8::10:5070]>", OK, HV_OK, 0,
	  "RFC 5118 4.3: a valid address, ambiguous only to people"),
	C(HDR_CONTACT, "<sip:[2001:db8::10]:5070>", OK, HV_OK, 0,
	  "RFC 5118 4.4"),
	C(HDR_CONTACT, "<sip:a@b:0>", BAD, HV_PORT, 9, "port 0"),
	C(HDR_CONTACT, "<sip:a@b:65536>", BAD, HV_PORT, 9, "port > 65535"),
	C(HDR_CONTACT, "<sip:a@b:>", BAD, HV_PORT, 9, "':' without a port"),
	C(HDR_CONTACT, "<sip:a@b:5x>", BAD, HV_PORT, 10, "port 5x"),
	C(HDR_CONTACT, "<sip:a@b;maddr=1.2.3.4.5>", BAD, HV_HOST, 23,
	  "maddr that is neither address nor name"),
	C(HDR_CONTACT, "<sip:a@b;ttl=256>", BAD, HV_PARAM_VALUE, 13,
	  "uri ttl > 255"),
	C(HDR_CONTACT, "<sip:a@b;transport=(udp)>", BAD, HV_PARAM_VALUE, 19,
	  "transport not a token"),
	C(HDR_CONTACT, "<sip:a@b;=x>", BAD, HV_URI_PARAM, 9, "no name"),
	C(HDR_CONTACT, "<sip:a@b;x=>", BAD, HV_URI_PARAM, 11, "no value"),
	C(HDR_CONTACT, "<sip:a@b;;lr>", BAD, HV_URI_PARAM, 9, "';;' in URI"),
	C(HDR_CONTACT, "<sip:a@b?>", BAD, HV_URI_HEADER, 9, "'?' alone"),
	C(HDR_CONTACT, "<sip:a@b?x>", BAD, HV_URI_HEADER, 10, "no '='"),
	C(HDR_CONTACT, "<sip:a@b?x=y&>", BAD, HV_URI_HEADER, 13, "'&' alone"),
	C(HDR_CONTACT, "<1sip:a@b>", BAD, HV_URI, 1, "scheme starts with "
	  "a digit"),
	C(HDR_CONTACT, "<sip>", BAD, HV_URI, 4, "no ':'"),
	C(HDR_CONTACT, "<s_p:x>", BAD, HV_URI, 2, "'_' in a scheme"),
	C(HDR_CONTACT, "<mailto:>", BAD, HV_URI, 8, "nothing after ':'"),

	/* -- Contact ----------------------------------------------------- */
	C(HDR_CONTACT, "*", OK, HV_OK, 0, "star"),
	C(HDR_CONTACT, "*, <sip:a@b>", BAD, HV_LIST, 1, "star and more"),
	C(HDR_CONTACT, "<sip:a@b>, *", BAD, HV_LIST, 11, "more and star"),
	C(HDR_CONTACT, "*;q=1", BAD, HV_CHAR, 1, "star with a parameter"),
	C(HDR_CONTACT, "<sip:a@b>;expires=3600;q=0.7, <sip:c@d>;q=1.000", OK,
	  HV_OK, 0, "expires, q"),
	C(HDR_CONTACT, "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.c"
	  "om>;q=0.7; expires=3600, \"Mr. Watson\" <mailto:watson@bell-teleph"
	  "one.com> ;q=0.1", OK, HV_OK, 0, "section 20.10's example"),
	C(HDR_CONTACT, "sip:+19725552222@gw1.example.net;unknownparam", OK,
	  HV_OK, 0, "RFC 4475 3.3.12: a contact-param"),
	C(HDR_CONTACT, "<sip:a@b>;q=0.", OK, HV_OK, 0, "q=0."),
	C(HDR_CONTACT, "<sip:a@b>;q=1.5", BAD, HV_PARAM_VALUE, 14, "q > 1"),
	C(HDR_CONTACT, "<sip:a@b>;q=0.1234", BAD, HV_PARAM_VALUE, 17,
	  "four decimals"),
	C(HDR_CONTACT, "<sip:a@b>;q=2", BAD, HV_PARAM_VALUE, 12, "q=2"),
	C(HDR_CONTACT, "<sip:a@b>;q=.5", BAD, HV_PARAM_VALUE, 12, "q=.5"),
	C(HDR_CONTACT, "<sip:a@b>;q=0.5x", BAD, HV_PARAM_VALUE, 15, "q=0.5x"),
	C(HDR_CONTACT, "<sip:a@b>;expires=4294967296", BAD, HV_PARAM_VALUE, 18,
	  "expires > 2**32-1"),
	C(HDR_CONTACT, "<sip:a@b>;expires=abc", BAD, HV_PARAM_VALUE, 18,
	  "expires not digits"),
	C(HDR_CONTACT, "<sip:a@b>,,", BAD, HV_LIST_EMPTY, 10, "',,'"),
	C(HDR_CONTACT, ", <sip:a@b>", BAD, HV_LIST_EMPTY, 0, "leading ','"),
	C(HDR_CONTACT, "<sip:a@b>;received=\"sip:203.0.113.77:5060\"", OK,
	  HV_OK, 0, "quoted generic value"),
	C(HDR_CONTACT, "<sip:a@b>;+sip.instance=\"<urn:uuid:00000000-0000-10"
	  "00-8000-AABBCCDDEEFF>\"", OK, HV_OK, 0, "RFC 5626 instance"),
	C(HDR_CONTACT, "<sip:a@b>;x=[2001:db8::1", MORE, HV_IPV6, 12,
	  "generic IPv6 value cut"),
	C(HDR_CONTACT, "sip:a@b?x", BAD, HV_ANGLE_REQUIRED, 7,
	  "'?' in an unbracketed URI"),

	/* -- Route, Record-Route ---------------------------------------- */
	C(HDR_RECORD_ROUTE, "<sip:p1.example.com;lr>, <sip:p2.domain.com;lr>",
	  OK, HV_OK, 0, "two routes"),
	C(HDR_ROUTE, "<sip:services.example.com;lr;unknownwith=value;unknown"
	  "-no-value>", OK, HV_OK, 0, "RFC 4475 3.1.1.1"),
	C(HDR_RECORD_ROUTE, "sip:p1.example.com;lr", BAD, HV_ANGLE_REQUIRED,
	  0, "rec-route is a name-addr"),
	C(HDR_ROUTE, "<sip:a@b>;x, sip:c", BAD, HV_ANGLE_REQUIRED, 13,
	  "second route not a name-addr"),

	/* -- Call-ID ----------------------------------------------------- */
	C(HDR_CALL_ID, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com", OK,
	  HV_OK, 0, "section 20.8"),
	C(HDR_CALL_ID, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", OK,
	  HV_OK, 0, "every word character (RFC 4475 3.1.1.2)"),
	C(HDR_CALL_ID, "", MORE, HV_EMPTY, 0, "empty"),
	C(HDR_CALL_ID, "a@", MORE, HV_TOKEN, 2, "nothing after '@' yet"),
	C(HDR_CALL_ID, "a@@b", BAD, HV_TOKEN, 2, "'@@'"),
	C(HDR_CALL_ID, "@b", BAD, HV_TOKEN, 0, "nothing before '@'"),
	C(HDR_CALL_ID, "a@b@c", BAD, HV_CHAR, 3, "two '@'"),
	C(HDR_CALL_ID, "a b", BAD, HV_CHAR, 2, "white space inside"),
	C(HDR_CALL_ID, "a;b", BAD, HV_CHAR, 1, "';' in a Call-ID"),
	C(HDR_CALL_ID, "a,b", BAD, HV_LIST, 1, "',' in a Call-ID"),
	C(HDR_CALL_ID, "a\x7f" "b", BAD, HV_CTL, 1, "DEL"),

	/* -- CSeq -------------------------------------------------------- */
	C(HDR_CSEQ, "4711 INVITE", OK, HV_OK, 0, "plain"),
	C(HDR_CSEQ, "0009\r\n  INVITE", OK, HV_OK, 0,
	  "leading zeros, folded (RFC 4475 3.1.1.1)"),
	C(HDR_CSEQ, "0 INVITE", OK, HV_OK, 0, "0"),
	C(HDR_CSEQ, "1\tINVITE", OK, HV_OK, 0, "HTAB"),
	C(HDR_CSEQ, "2147483647 INVITE", OK, HV_OK, 0, "2**31 - 1"),
	C(HDR_CSEQ, "2147483648 INVITE", BAD, HV_RANGE, 0,
	  "2**31 (section 8.1.1.5)"),
	C(HDR_CSEQ, "1 INV\xc3\xa9", BAD, HV_CHAR, 5,
	  "a Method is a token"),
	C(HDR_CSEQ, "1INVITE", BAD, HV_NUMBER, 1, "no LWS"),
	C(HDR_CSEQ, "1", MORE, HV_SEP, 1, "no method yet"),
	C(HDR_CSEQ, "1 ", MORE, HV_TOKEN, 2, "no method yet"),
	C(HDR_CSEQ, "INVITE", BAD, HV_NUMBER, 0, "no number"),
	C(HDR_CSEQ, "-1 INVITE", BAD, HV_NUMBER, 0, "negative"),
	C(HDR_CSEQ, "1.0 INVITE", BAD, HV_NUMBER, 1, "a fraction"),
	C(HDR_CSEQ, "1 INVITE 2", BAD, HV_CHAR, 9, "junk"),
	C(HDR_CSEQ, "1 INVITE, 2 ACK", BAD, HV_LIST, 8, "two values"),

	/* -- numbers ----------------------------------------------------- */
	C(HDR_CONTENT_LENGTH, "0", OK, HV_OK, 0, "0"),
	C(HDR_CONTENT_LENGTH, " 349 ", OK, HV_OK, 0, "LWS around"),
	C(HDR_CONTENT_LENGTH, "4294967295", OK, HV_OK, 0, "2**32 - 1"),
	C(HDR_CONTENT_LENGTH, "4294967296", BAD, HV_RANGE, 0, "2**32"),
	C(HDR_CONTENT_LENGTH, "-999", BAD, HV_NUMBER, 0, "RFC 4475 3.1.2.3"),
	C(HDR_CONTENT_LENGTH, "12 34", BAD, HV_CHAR, 3, "two numbers"),
	C(HDR_CONTENT_LENGTH, "1e3", BAD, HV_NUMBER, 1, "exponent"),
	C(HDR_CONTENT_LENGTH, "0x10", BAD, HV_NUMBER, 1, "hex"),
	C(HDR_CONTENT_LENGTH, "", MORE, HV_EMPTY, 0, "empty"),
	C(HDR_CONTENT_LENGTH, "70\r\n", MORE, HV_FOLD, 2,
	  "ends in a line break: only a fold may follow"),
	C(HDR_CONTENT_LENGTH, "70\r\r", BAD, HV_FOLD, 2, "bare CR"),
	C(HDR_MAX_FORWARDS, "0068", OK, HV_OK, 0, "RFC 4475 3.1.1.1"),
	C(HDR_MAX_FORWARDS, "255", OK, HV_OK, 0, "255"),
	C(HDR_MAX_FORWARDS, "256", BAD, HV_RANGE, 0, "section 20.22"),
	C(HDR_MIN_EXPIRES, "60", OK, HV_OK, 0, "60"),
	C(HDR_EXPIRES, "3600", OK, HV_OK, 0, "3600"),
	C(HDR_EXPIRES, "10000000000", BAD, HV_RANGE, 0,
	  "> 2**32-1 (section 20.19)"),
	C(HDR_RSEQ, "988789", OK, HV_OK, 0, "RFC 3262 7.1"),
	C(HDR_RSEQ, "0", MORE, HV_RANGE, 0, "0 (may still be 01)"),
	C(HDR_RSEQ, "0 ", BAD, HV_RANGE, 0, "0"),
	C(HDR_RSEQ, "4294967295", OK, HV_OK, 0, "2**32 - 1"),
	C(HDR_RSEQ, "4294967296", BAD, HV_RANGE, 0, "2**32"),
	C(HDR_RACK, "776656 1 INVITE", OK, HV_OK, 0, "RFC 3262 7.2"),
	C(HDR_RACK, "776656 1", MORE, HV_SEP, 8, "no method yet"),
	C(HDR_RACK, "0 1 INVITE", BAD, HV_RANGE, 0, "response-num 0"),
	C(HDR_RACK, "1 2147483648 INVITE", BAD, HV_RANGE, 2, "CSeq-num 2**31"),
	C(HDR_RACK, "1 1 INVITE x", BAD, HV_CHAR, 11, "junk"),
	C(HDR_MIN_SE, "90", OK, HV_OK, 0, "RFC 4028 5"),
	C(HDR_MIN_SE, "90;x=y", OK, HV_OK, 0, "generic-param"),
	C(HDR_MIN_SE, "90;", MORE, HV_PARAM_EMPTY, 3, "trailing ';'"),
	C(HDR_SESSION_EXPIRES, "4000;refresher=uac", OK, HV_OK, 0,
	  "RFC 4028 4"),
	C(HDR_SESSION_EXPIRES, "1800;refresher=UAS", OK, HV_OK, 0,
	  "case-insensitive"),
	C(HDR_SESSION_EXPIRES, "900;refresher=uax", BAD, HV_PARAM_VALUE, 14,
	  "refresher is uac or uas"),
	C(HDR_SESSION_EXPIRES, "900;refresher=ua", MORE, HV_PARAM_VALUE, 14,
	  "refresher cut"),
	C(HDR_SESSION_EXPIRES, "900;refresher", MORE, HV_PARAM_VALUE, 13,
	  "refresher needs a value"),

	/* -- media types ------------------------------------------------- */
	C(HDR_CONTENT_TYPE, "application/sdp", OK, HV_OK, 0, "sdp"),
	C(HDR_CONTENT_TYPE, "multipart/mixed;boundary=7a9cbec02ceef655", OK,
	  HV_OK, 0, "RFC 4475 3.1.1.11"),
	C(HDR_CONTENT_TYPE, "text/html; charset=ISO-8859-4", OK, HV_OK, 0,
	  "section 20.15"),
	C(HDR_CONTENT_TYPE, "application/sdp;x=\"y z\"", OK, HV_OK, 0,
	  "quoted m-value"),
	C(HDR_CONTENT_TYPE, "application / sdp", OK, HV_OK, 0, "SLASH"),
	C(HDR_CONTENT_TYPE, "application", MORE, HV_MEDIA_TYPE, 11,
	  "no subtype yet"),
	C(HDR_CONTENT_TYPE, "application/", MORE, HV_MEDIA_TYPE, 12,
	  "no subtype yet"),
	C(HDR_CONTENT_TYPE, "application/sdp;charset", MORE, HV_PARAM_VALUE,
	  23, "m-parameter needs a value"),
	C(HDR_CONTENT_TYPE, "application/sdp;charset;x=y", BAD, HV_PARAM_VALUE,
	  23, "m-parameter without a value"),
	C(HDR_CONTENT_TYPE, "*/*", BAD, HV_MEDIA_TYPE, 0,
	  "a range is no media type"),
	C(HDR_CONTENT_TYPE, "text/*", MORE, HV_MEDIA_TYPE, 5,
	  "a range is no media type, but \"*m\" would be a subtype"),
	C(HDR_CONTENT_TYPE, "text/*;a=b", BAD, HV_MEDIA_TYPE, 5,
	  "a range is no media type"),
	C(HDR_CONTENT_TYPE, "application/sdp, text/plain", BAD, HV_LIST, 15,
	  "two types"),
	C(HDR_ACCEPT, "application/sdp, application/pkcs7-mime,\r\n        "
	  "multipart/mixed", OK, HV_OK, 0, "RFC 4475 3.1.1.9"),
	C(HDR_ACCEPT, "*/*", OK, HV_OK, 0, "everything"),
	C(HDR_ACCEPT, "text/*;q=0.5", OK, HV_OK, 0, "subtype range, q"),
	C(HDR_ACCEPT, "", OK, HV_OK, 0, "empty Accept"),
	C(HDR_ACCEPT, "*/html", BAD, HV_MEDIA_TYPE, 2, "type range only"),
	C(HDR_ACCEPT_ENCODING, "gzip, *;q=0", OK, HV_OK, 0, "codings"),
	C(HDR_ACCEPT_LANGUAGE, "da, en-gb;q=0.8, en;q=0.7", OK, HV_OK, 0,
	  "section 20.3"),
	C(HDR_ACCEPT_LANGUAGE, "*", OK, HV_OK, 0, "any"),
	C(HDR_ACCEPT_LANGUAGE, "en_US", BAD, HV_TOKEN, 2, "'_'"),
	C(HDR_ACCEPT_LANGUAGE, "abcdefghi", BAD, HV_TOKEN, 8,
	  "nine letters"),

	/* -- token lists ------------------------------------------------- */
	C(HDR_ALLOW, "INVITE, ACK, OPTIONS, CANCEL, BYE", OK, HV_OK, 0,
	  "section 20.5"),
	C(HDR_ALLOW, "", OK, HV_OK, 0, "empty Allow"),
	C(HDR_ALLOW, "INVITE,,ACK", BAD, HV_LIST_EMPTY, 7, "',,'"),
	C(HDR_ALLOW, "INVITE ACK", BAD, HV_CHAR, 7, "no comma"),
	C(HDR_ALLOW, "INVITE, ", MORE, HV_LIST_EMPTY, 8, "trailing ','"),
	C(HDR_SUPPORTED, "100rel, timer", OK, HV_OK, 0, "tags"),
	C(HDR_SUPPORTED, "", OK, HV_OK, 0, "empty Supported"),
	C(HDR_REQUIRE, "100rel", OK, HV_OK, 0, "100rel"),
	C(HDR_REQUIRE, "", MORE, HV_EMPTY, 0, "empty Require"),
	C(HDR_UNSUPPORTED, "foo bar", BAD, HV_CHAR, 4, "no comma"),
	C(HDR_ALLOW_EVENTS, "presence, dialog, message-summary, presence.winfo",
	  OK, HV_OK, 0, "RFC 6665 8.4"),
	C(HDR_ALLOW_EVENTS, "presence..x", BAD, HV_TOKEN, 9, "'..'"),
	C(HDR_ALLOW_EVENTS, "presence.", MORE, HV_TOKEN, 9, "template cut"),
	C(HDR_ALLOW_EVENTS, ".x", BAD, HV_TOKEN, 0, "leading '.'"),
	C(HDR_ALLOW_EVENTS, "", MORE, HV_EMPTY, 0, "empty"),

	/* -- challenges ------------------------------------------------- */
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"atlanta.com\", domain=\"sip:"
	  "boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d"
	  "359\", opaque=\"\", stale=FALSE, algorithm=MD5", OK, HV_OK, 0,
	  "section 20.44's example"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"asterisk\",nonce=\"1730981200"
	  "/5a0f\",opaque=\"3e1c\",algorithm=md5,qop=\"auth\"", OK, HV_OK, 0,
	  "no LWS after the commas"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\", nonce=\"b\", qop=\"auth, "
	  "auth-int\", algorithm=SHA-256", OK, HV_OK, 0,
	  "qop list with LWS (RFC 2617 1#qop-value)"),
	C(HDR_PROXY_AUTHENTICATE, "Digest realm=\"a\"", MORE, HV_PARAM_MISSING,
	  0, "no nonce (yet)"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=a, nonce=\"b\"", BAD, HV_QUOTED,
	  13, "realm is a quoted-string"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\", nonce=\"b\", stale=maybe",
	  BAD, HV_PARAM_VALUE, 35, "stale is true or false"),
	C(HDR_WWW_AUTHENTICATE, "Digest", MORE, HV_PARAM_MISSING, 6,
	  "no directives yet"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\",, nonce=\"b\"", BAD,
	  HV_PARAM_EMPTY, 17, "',,'"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\", nonce=\"b\", Basic realm="
	  "\"c\"", BAD, HV_LIST, 29, "two challenges in one field"),
	C(HDR_WWW_AUTHENTICATE, "Basic realm=\"x\"", OK, HV_OK, 0,
	  "Basic parses; that it MUST NOT be used is the judge's (22)"),
	C(HDR_WWW_AUTHENTICATE, "NoOneKnowsThisScheme opaque-data=here", OK,
	  HV_OK, 0, "unknown scheme (RFC 4475 3.3.7)"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm", MORE, HV_PARAM_VALUE, 12,
	  "auth-param needs a value"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\" nonce=\"b\"", BAD, HV_CHAR,
	  17, "no comma"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\", nonce=\"b\", qop=\"auth;"
	  "x\"", BAD, HV_PARAM_VALUE, 38, "';' in qop"),
	C(HDR_WWW_AUTHENTICATE, "Digest realm=\"a\", nonce=\"b\", qop=auth",
	  BAD, HV_QUOTED, 33, "qop-options are quoted"),

	/* -- Retry-After, Warning, Timestamp, Date ----------------------- */
	C(HDR_RETRY_AFTER, "18000;duration=3600", OK, HV_OK, 0, "20.33"),
	C(HDR_RETRY_AFTER, "120 (I'm in a meeting)", OK, HV_OK, 0, "comment"),
	C(HDR_RETRY_AFTER, "120 (nested (comment) here);duration=60", OK,
	  HV_OK, 0, "nested comment"),
	C(HDR_RETRY_AFTER, "120 (open", MORE, HV_COMMENT, 4, "comment cut"),
	C(HDR_RETRY_AFTER, "120;duration=x", BAD, HV_PARAM_VALUE, 13,
	  "duration not digits"),
	C(HDR_RETRY_AFTER, "949302838503028349304023988", BAD, HV_RANGE, 0,
	  "RFC 4475 3.1.2.5"),
	C(HDR_WARNING, "307 isi.edu \"Session parameter 'foo' not understood\"",
	  OK, HV_OK, 0, "section 20.43"),
	C(HDR_WARNING, "399 192.0.2.10 \"International calls not permitted\"",
	  OK, HV_OK, 0, "IPv4 agent"),
	C(HDR_WARNING, "399 [2001:db8::1]:5060 \"x\"", OK, HV_OK, 0,
	  "IPv6 agent with port"),
	C(HDR_WARNING, "399 a \"x\", 370 b \"y\"", OK, HV_OK, 0, "two"),
	C(HDR_WARNING, "1812 overture \"In Progress\"", BAD, HV_NUMBER, 3,
	  "four digits (RFC 4475 3.1.2.5)"),
	C(HDR_WARNING, "39 a \"x\"", BAD, HV_NUMBER, 2, "two digits"),
	C(HDR_WARNING, "399\ta \"x\"", BAD, HV_SEP, 3, "HTAB, not SP"),
	C(HDR_WARNING, "399 a x", BAD, HV_QUOTED, 6, "text not quoted"),
	C(HDR_WARNING, "399 a \"x", MORE, HV_QUOTE_OPEN, 6, "text cut"),
	C(HDR_TIMESTAMP, "54", OK, HV_OK, 0, "integer"),
	C(HDR_TIMESTAMP, "54.3 0.5", OK, HV_OK, 0, "with delay"),
	C(HDR_TIMESTAMP, "54.", OK, HV_OK, 0, "'.' and no digits"),
	C(HDR_TIMESTAMP, "a", BAD, HV_NUMBER, 0, "letters"),
	C(HDR_TIMESTAMP, "54.3.2", BAD, HV_NUMBER, 4, "two dots"),
	C(HDR_TIMESTAMP, "54 x", BAD, HV_CHAR, 3, "junk"),
	C(HDR_DATE, "Sat, 13 Nov 2010 23:29:00 GMT", OK, HV_OK, 0, "20.17"),
	C(HDR_DATE, "Sat, 13 Nov 2010 23:29:00 gmt", OK, HV_OK, 0,
	  "ABNF strings are case-insensitive"),
	C(HDR_DATE, "Fri, 01 Jan 2010 16:00:00 EST", BAD, HV_DATE, 26,
	  "not GMT (RFC 4475 3.1.2.12)"),
	C(HDR_DATE, "Sat, 13 Nov 2010 23:29:00", MORE, HV_DATE, 25,
	  "no zone yet"),
	C(HDR_DATE, "Sat, 13 Nov 2010 24:00:00 GMT", BAD, HV_DATE, 17,
	  "hour 24"),
	C(HDR_DATE, "Sat,13 Nov 2010 23:29:00 GMT", BAD, HV_DATE, 4,
	  "no SP after ','"),
	C(HDR_DATE, "Xyz, 13 Nov 2010 23:29:00 GMT", BAD, HV_DATE, 0,
	  "no weekday"),
	C(HDR_DATE, "Sat, 32 Nov 2010 23:29:00 GMT", BAD, HV_DATE, 5, "day 32"),
	C(HDR_DATE, "Sat, 1 Nov 2010 23:29:00 GMT", BAD, HV_DATE, 6,
	  "one-digit day"),
	C(HDR_DATE, "Sat, 13 Nov 2010 23:29:00 GMT x", BAD, HV_CHAR, 30,
	  "junk"),

	/* -- headers without a rule: text --------------------------------- */
	C(HDR_OTHER, "newfangled value\r\n continued newfangled value", OK,
	  HV_OK, 0, "RFC 4475 3.1.1.1"),
	C(HDR_OTHER, ";;,,;;,;", OK, HV_OK, 0, "RFC 4475 3.1.1.1"),
	C(HDR_OTHER, "\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb", OK,
	  HV_OK, 0, "UTF-8 (RFC 4475 3.1.1.2)"),
	C(HDR_OTHER, "", OK, HV_OK, 0, "empty"),
	C(HDR_OTHER, "a\x00" "b", BAD, HV_CTL, 1, "NUL"),
	C(HDR_OTHER, "caf\xe9", MORE, HV_UTF8, 3, "Latin-1 at the end"),
	C(HDR_OTHER, "caf\xe9!", BAD, HV_UTF8, 4, "Latin-1"),
	C(HDR_OTHER, "a\r\nb", BAD, HV_FOLD, 1, "line break"),
};

static int parse_guarded(struct hvalue *hv, enum hdr_id id, const char *s,
			 size_t len, bool complete)
{
	const char *g = guarded(s, len);

	return complete ? hvalue_check(hv, id, g, len)
		: hvalue_parse(hv, id, g, len);
}

/* Every slice of the first element lies inside [buf, buf + len) */
static bool slices_inside(const struct hvalue *hv, const char *buf,
			  size_t len)
{
	const struct pl *v[64];
	unsigned n = hvalue_elem_slices(&hv->first, v, ARRAY_SIZE(v));

	for (unsigned k = 0; k < n && k < ARRAY_SIZE(v); k++)
		if (v[k]->p < buf || v[k]->p > buf + len ||
		    v[k]->l > (size_t)(buf + len - v[k]->p))
			return false;
	return true;
}

/* A value that is valid or may become so: no prefix is EBADMSG */
static void check_prefixes(enum hdr_id id, const char *s, size_t len,
			   const char *why)
{
	for (size_t k = 0; k < len; k++) {
		struct hvalue hv;
		int err = parse_guarded(&hv, id, s, k, false);

		CHECK(err == 0 || err == ENODATA,
		      "%s: prefix of %zu bytes: %m, %s at %zu", why, k, err,
		      hvalue_defect_name(hv.defect), hv.off);
	}
}

static void test_cases(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct hcase *c = &cases[i];
		const char *g;
		struct hvalue hv;
		int err;

		err = parse_guarded(&hv, c->id, c->val, c->len, false);
		CHECK(err == c->err && hv.defect == c->defect &&
		      hv.off == c->off,
		      "%s: %s \"%s\": %d %s at %zu, want %d %s at %zu",
		      c->why, message_hdr_name(c->id), c->val, err,
		      hvalue_defect_name(hv.defect), hv.off, c->err,
		      hvalue_defect_name(c->defect), c->off);
		CHECK(hv.off <= c->len, "%s: offset past the value", c->why);

		g = guarded(c->val, c->len);
		err = hvalue_parse(&hv, c->id, g, c->len);
		CHECK(slices_inside(&hv, g, c->len), "%s: slice outside",
		      c->why);

		/* complete: ENODATA becomes EBADMSG, nothing else changes */
		err = parse_guarded(&hv, c->id, c->val, c->len, true);
		CHECK(err == (c->err ? EBADMSG : 0) && hv.defect == c->defect &&
		      hv.off == c->off, "%s: hvalue_check: %d %s at %zu",
		      c->why, err, hvalue_defect_name(hv.defect), hv.off);

		if (c->err != EBADMSG)
			check_prefixes(c->id, c->val, c->len, c->why);
	}
}

/* -- RFC 4475 and RFC 5118: every header of every message ---------------- */

/* Why a message of RFC 4475 3.1.2 / RFC 5118 4.2 has no bad header */
static const struct {
	const char *name;
	const char *why;
} torture_why[] = {
	{"clerr", "Content-Length larger than the body: framing, judged by "
	 "the framing rules"},
	{"ltgtruri", "Request-URI in <>: request line (test_uris)"},
	{"lwsruri", "LWS in the Request-URI (test_uris)"},
	{"lwsstart", "several SP in the request line"},
	{"trws", "SP at the end of the request line"},
	{"escruri", "headers in a Request-URI: a well-formed URI that Table 1 "
	 "of 19.1.1 does not allow there (test_uris)"},
	{"badvers", "SIP/7.0 in the request line and Via: any token is a "
	 "protocol-version to the grammar; the judge compares the Via with "
	 "the request's"},
	{"mismatch01", "CSeq method differs from the request's: semantics"},
	{"mismatch02", "CSeq method differs from the request's: semantics"},
	{"bigcode", "status code 4294967301: statusline.c"},
	{"ipv6-bad", "Request-URI with an unbracketed IPv6 address "
	 "(test_uris; as a To or Contact in cases[])"},
};

static bool torture_expect(const char *name, unsigned hdr,
			   enum hv_defect *d, size_t *off)
{
	for (size_t i = 0; i < ARRAY_SIZE(torture_bad); i++)
		if (!strcmp(torture_bad[i].name, name) &&
		    torture_bad[i].hdr == hdr) {
			*d   = torture_bad[i].defect;
			*off = torture_bad[i].off;
			return true;
		}
	return false;
}

static void test_torture(void)
{
	static struct message m;
	unsigned hdrs = 0, bad = 0, valid_msgs = 0, invalid_msgs = 0;

	for (size_t i = 0; i < ARRAY_SIZE(torture); i++) {
		const struct torture *t = &torture[i];
		bool msg_bad = false;

		message_scan(&m, t->text, t->len, 0);
		CHECK(m.hdrc > 0 && !m.hdr_overflow, "%s: not scanned",
		      t->name);

		for (unsigned k = 0; k < m.hdrc; k++) {
			const struct msg_hdr *h = &m.hdrv[k];
			enum hv_defect d = HV_OK;
			size_t off = 0;
			struct hvalue hv;
			bool want_bad = torture_expect(t->name, k, &d, &off);
			int err = parse_guarded(&hv, h->id, h->val.p, h->val.l,
						true);

			hdrs++;
			CHECK(err == (want_bad ? EBADMSG : 0) &&
			      hv.defect == d && hv.off == off,
			      "RFC %s %s %s, %r: %d %s at %zu, want %s at %zu",
			      t->rfc, t->sec, t->name, &h->name, err,
			      hvalue_defect_name(hv.defect), hv.off,
			      hvalue_defect_name(d), off);
			if (want_bad) {
				bad++;
				msg_bad = true;
			}
			else {
				check_prefixes(h->id, h->val.p, h->val.l,
					       t->name);
			}
		}
		if (msg_bad)
			invalid_msgs++;
		else
			valid_msgs++;
	}

	/* every row of torture_bad[] names a header of a message */
	CHECK(bad == ARRAY_SIZE(torture_bad), "%u bad headers found, %zu "
	      "listed", bad, ARRAY_SIZE(torture_bad));
	for (size_t i = 0; i < ARRAY_SIZE(torture_why); i++) {
		bool found = false;

		for (size_t k = 0; k < ARRAY_SIZE(torture); k++)
			found |= !strcmp(torture[k].name, torture_why[i].name);
		CHECK(found, "%s: no such message", torture_why[i].name);
	}
	printf("torture: %zu messages, %u headers; %u messages with bad "
	       "headers (%u headers), %u without\n", ARRAY_SIZE(torture),
	       hdrs, invalid_msgs, bad, valid_msgs);
}

/* -- URIs on their own: the Request-URIs of the torture messages ---------- */

static const struct {
	const char *uri;
	int err;
	enum hv_defect defect;
	size_t off;
	const char *why;
} uris[] = {
	{"sip:vivekg@chair-dnrc.example.com;unknownparam", OK, HV_OK, 0,
	 "RFC 4475 3.1.1.1"},
	{"sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird"
	 "!*pas$wo~d_too.(doesn't-it)@example.com", OK, HV_OK, 0,
	 "RFC 4475 3.1.1.2"},
	{"sip:sips%3Auser%40example.com@example.net", OK, HV_OK, 0,
	 "RFC 4475 3.1.1.3"},
	{"sip:user;par=u%40example.net@example.com", OK, HV_OK, 0,
	 "RFC 4475 3.1.1.9"},
	{"<sip:user@example.com>", BAD, HV_URI, 0, "RFC 4475 3.1.2.7"},
	{"sip:user@example.com; lr", BAD, HV_LWS, 21, "RFC 4475 3.1.2.8"},
	{"sip:user@example.com?Route=%3Csip:example.com%3E", OK, HV_OK, 0,
	 "RFC 4475 3.1.2.11: well-formed; Table 1 keeps it out of a "
	 "Request-URI"},
	{"nobodyKnowsThisScheme:totallyopaquecontent", OK, HV_OK, 0,
	 "RFC 4475 3.3.2"},
	{"soap.beep://192.0.2.103:3002", OK, HV_OK, 0, "RFC 4475 3.3.3"},
	{"sip:[2001:db8::10]", OK, HV_OK, 0, "RFC 5118 4.1"},
	{"sip:2001:db8::10", BAD, HV_IPV6_BARE, 4, "RFC 5118 4.2"},
	{"sip:[2001:db8::10:5070]", OK, HV_OK, 0, "RFC 5118 4.3"},
	{"sip:[2001:db8::10]:5070", OK, HV_OK, 0, "RFC 5118 4.4"},
	{"sip:user@[2001:db8:::192.0.2.1]", BAD, HV_IPV6, 20,
	 "RFC 5118 4.10, RFC 3261's ABNF bug"},
	{"sip:user@[2001:db8::192.0.2.1]", OK, HV_OK, 0, "RFC 5118 4.10"},
	{"sip:a@b>", BAD, HV_HOST, 7, "a '>' is no part of a whole URI"},
	{"sip:a@b:5060", OK, HV_OK, 0, "port"},
	{"sip:", MORE, HV_HOST, 4, "no host yet"},
};

static void test_uris(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(uris); i++) {
		size_t len = strlen(uris[i].uri);
		struct sipuri u;
		enum hv_defect d;
		size_t off;
		int err = sipuri_parse(&u, guarded(uris[i].uri, len), len, &d,
				       &off);

		CHECK(err == uris[i].err && d == uris[i].defect &&
		      off == uris[i].off, "%s: %s: %d %s at %zu", uris[i].why,
		      uris[i].uri, err, hvalue_defect_name(d), off);
	}
}

/* -- what the slices say -------------------------------------------------- */

#define PLEQ(pl, s) ((pl).p && !pl_strcmp(&(pl), (s)))

static bool collect_hosts(const struct hv_elem *e, unsigned idx, void *arg)
{
	struct pl *hosts = arg;

	if (idx < 4)
		hosts[idx] = e->via.sent_by.host;
	return false;
}

static bool stop_first(const struct hv_elem *e, unsigned idx, void *arg)
{
	(void)e;
	(void)idx;
	(void)arg;
	return true;
}

static void test_fields(void)
{
	struct hvalue hv;
	struct pl v, hosts[4];
	const char *s;
	int err;

	s = "SIP / 2.0 / UDP first.example.com: 4000;ttl=16;maddr=224.2.0.1 "
		";branch=z9hG4bKa7c6a8dlze.1";
	err = hvalue_check(&hv, HDR_VIA, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.via.proto, "SIP") &&
	      PLEQ(hv.first.via.version, "2.0") &&
	      PLEQ(hv.first.via.transport, "UDP") &&
	      PLEQ(hv.first.via.sent_by.host, "first.example.com") &&
	      hv.first.via.sent_by.kind == HOST_NAME &&
	      PLEQ(hv.first.via.sent_by.port, "4000") &&
	      hv.first.via.sent_by.port_num == 4000, "Via sent-by: %m", err);
	CHECK(PLEQ(hv.first.params.v[HVP_TTL], "16") &&
	      PLEQ(hv.first.params.v[HVP_MADDR], "224.2.0.1") &&
	      PLEQ(hv.first.params.v[HVP_BRANCH], "z9hG4bKa7c6a8dlze.1") &&
	      !hv.first.params.v[HVP_RPORT].p && hv.first.params.n == 3,
	      "Via params");

	s = "SIP/2.0/UDP [2001:db8::9:1]:5060;rport;received=2001:db8::9:255;"
		"branch=z9hG4bKas3";
	err = hvalue_check(&hv, HDR_VIA, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.via.sent_by.host, "[2001:db8::9:1]") &&
	      hv.first.via.sent_by.kind == HOST_IPV6 &&
	      hv.first.via.sent_by.port_num == 5060 &&
	      hv.first.params.v[HVP_RPORT].p &&
	      !hv.first.params.v[HVP_RPORT].l &&
	      PLEQ(hv.first.params.v[HVP_RECEIVED], "2001:db8::9:255"),
	      "Via IPv6: %m", err);

	s = "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   "
		"z9hG4bK9ikj8  ,\r\n SIP  /    2.0   / UDP  192.168.255.111   ; "
		"branch=\r\n z9hG4bK30239";
	memset(hosts, 0, sizeof(hosts));
	err = hvalue_apply(&hv, HDR_VIA, s, strlen(s), true, collect_hosts,
			   hosts);
	CHECK(!err && hv.count == 2 && PLEQ(hosts[0], "spindle.example.com") &&
	      PLEQ(hosts[1], "192.168.255.111") &&
	      PLEQ(hv.first.params.v[HVP_BRANCH], "z9hG4bK9ikj8"),
	      "wsinv Via: %m, %u", err, hv.count);
	err = hvalue_apply(&hv, HDR_VIA, s, strlen(s), true, stop_first, NULL);
	CHECK(!err && hv.count == 1, "handler stops: %m %u", err, hv.count);

	s = "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n"
		"  tag = 98asjd8";
	err = hvalue_check(&hv, HDR_FROM, s, strlen(s));
	CHECK(!err && hv.first.addr.quoted && hv.first.addr.angle &&
	      PLEQ(hv.first.addr.display, "J Rosenberg \\\\\\\"") &&
	      PLEQ(hv.first.addr.uri.user, "jdrosen") &&
	      PLEQ(hv.first.addr.uri.hp.host, "example.com") &&
	      hv.first.addr.uri.sip && !hv.first.addr.uri.sips &&
	      PLEQ(hv.first.params.v[HVP_TAG], "98asjd8"), "wsinv From: %m",
	      err);

	s = "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r"
		"\n      newvalue ;\r\n  secondparam ; q = 0.33";
	err = hvalue_check(&hv, HDR_CONTACT, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.params.v[HVP_Q], "0.33") &&
	      hv.first.params.n == 3 &&
	      hparams_get(&hv.first.params.all, "newparam", &v) &&
	      PLEQ(v, "newvalue") &&
	      hparams_get(&hv.first.params.all, "SecondParam", &v) &&
	      v.p && !v.l && !hparams_get(&hv.first.params.all, "tag", &v),
	      "wsinv Contact: %m", err);

	s = "<sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,"
		"weird!*pas$wo~d_too.(doesn't-it)@example.com;transport=TCP;lr>";
	err = hvalue_check(&hv, HDR_CONTACT, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.addr.uri.user,
			   "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*") &&
	      PLEQ(hv.first.addr.uri.password,
		   "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)") &&
	      PLEQ(hv.first.addr.uri.hp.host, "example.com") &&
	      PLEQ(hv.first.addr.uri.transport, "TCP") &&
	      hv.first.addr.uri.lr &&
	      PLEQ(hv.first.addr.uri.params, ";transport=TCP;lr") &&
	      hparams_get(&hv.first.addr.uri.params, "transport", &v) &&
	      PLEQ(v, "TCP"), "intmeth URI: %m", err);

	s = "<sip:user;par=u%40example.net@example.com?a=b>";
	err = hvalue_check(&hv, HDR_CONTACT, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.addr.uri.user, "user;par=u%40example.net")
	      && PLEQ(hv.first.addr.uri.hp.host, "example.com") &&
	      PLEQ(hv.first.addr.uri.headers, "a=b"), "semiuri: %m", err);

	s = "<isbn:2983792873>";
	err = hvalue_check(&hv, HDR_CONTACT, s, strlen(s));
	CHECK(!err && !hv.first.addr.uri.sip &&
	      PLEQ(hv.first.addr.uri.scheme, "isbn") &&
	      PLEQ(hv.first.addr.uri.opaque, "2983792873"), "isbn: %m", err);

	err = hvalue_check(&hv, HDR_CONTACT, "*", 1);
	CHECK(!err && hv.first.star && hv.count == 1, "star: %m", err);

	s = "0009\r\n  INVITE";
	err = hvalue_check(&hv, HDR_CSEQ, s, strlen(s));
	CHECK(!err && hv.first.num == 9 && PLEQ(hv.first.method, "INVITE"),
	      "CSeq: %m", err);

	s = "776656 1 PRACK";
	err = hvalue_check(&hv, HDR_RACK, s, strlen(s));
	CHECK(!err && hv.first.num == 776656 && hv.first.num2 == 1 &&
	      PLEQ(hv.first.method, "PRACK"), "RAck: %m", err);

	s = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com";
	err = hvalue_check(&hv, HDR_CALL_ID, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.token, s), "Call-ID: %m", err);

	s = "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", "
		"qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", "
		"opaque=\"\", stale=FALSE, algorithm=MD5";
	err = hvalue_check(&hv, HDR_WWW_AUTHENTICATE, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.token, "Digest") &&
	      PLEQ(hv.first.params.v[HVP_REALM], "atlanta.com") &&
	      PLEQ(hv.first.params.v[HVP_NONCE],
		   "f84f1cec41e6cbe5aea9c8e88d359") &&
	      hv.first.params.v[HVP_OPAQUE].p &&
	      !hv.first.params.v[HVP_OPAQUE].l &&
	      PLEQ(hv.first.params.v[HVP_ALGORITHM], "MD5") &&
	      PLEQ(hv.first.params.v[HVP_STALE], "FALSE") &&
	      PLEQ(hv.first.params.v[HVP_QOP], "auth") &&
	      hv.first.params.n == 7 &&
	      hparams_get(&hv.first.params.all, "opaque", &v) &&
	      PLEQ(v, "\"\""), "challenge: %m", err);

	s = "307 isi.edu \"Session parameter 'foo' not understood\"";
	err = hvalue_check(&hv, HDR_WARNING, s, strlen(s));
	CHECK(!err && hv.first.num == 307 && PLEQ(hv.first.token, "isi.edu") &&
	      PLEQ(hv.first.quoted, "Session parameter 'foo' not understood"),
	      "Warning: %m", err);

	s = "4000;refresher=uac";
	err = hvalue_check(&hv, HDR_SESSION_EXPIRES, s, strlen(s));
	CHECK(!err && hv.first.num == 4000 &&
	      PLEQ(hv.first.params.v[HVP_REFRESHER], "uac"),
	      "Session-Expires: %m", err);

	s = "multipart/mixed;boundary=7a9cbec02ceef655";
	err = hvalue_check(&hv, HDR_CONTENT_TYPE, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.token, "multipart") &&
	      PLEQ(hv.first.subtype, "mixed") &&
	      hparams_get(&hv.first.params.all, "boundary", &v) &&
	      PLEQ(v, "7a9cbec02ceef655"), "Content-Type: %m", err);

	s = "120 (I'm in a meeting);duration=60";
	err = hvalue_check(&hv, HDR_RETRY_AFTER, s, strlen(s));
	CHECK(!err && hv.first.num == 120 &&
	      PLEQ(hv.first.quoted, "I'm in a meeting") &&
	      PLEQ(hv.first.params.v[HVP_DURATION], "60"), "Retry-After: %m",
	      err);

	s = "Sat, 13 Nov 2010 23:29:00 GMT";
	err = hvalue_check(&hv, HDR_DATE, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.token, s), "Date: %m", err);

	s = "54.3 0.5";
	err = hvalue_check(&hv, HDR_TIMESTAMP, s, strlen(s));
	CHECK(!err && PLEQ(hv.first.token, "54.3") &&
	      PLEQ(hv.first.subtype, "0.5"), "Timestamp: %m", err);
}

/* -- the API's edges ----------------------------------------------------- */

static void test_api(void)
{
	static const char resp[] =
		"SIP/2.0 200 OK\r\nx: 90;refresher=uas\r\nu: presence\r\n"
		"Route: <sip:a@b;lr>\r\nRAck: 1 1 INVITE\r\n"
		"Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nExpires: 60\r\n\r\n";
	static struct message m;
	struct hvalue hv;
	bool named = true, distinct = true;

	CHECK(hvalue_parse(NULL, HDR_VIA, "a", 1) == EINVAL, "NULL hv");
	CHECK(hvalue_parse(&hv, HDR_VIA, NULL, 1) == EINVAL, "NULL buf");
	CHECK(hvalue_parse(&hv, HDR_COUNT, "a", 1) == EINVAL, "bad id");
	CHECK(hvalue_parse(&hv, HDR_VIA, NULL, 0) == ENODATA &&
	      hv.defect == HV_EMPTY, "NULL, 0");
	CHECK(hvalue_check(&hv, HDR_ALLOW, NULL, 0) == 0 && hv.count == 0,
	      "empty Allow");

	for (int d = 0; d < HV_DEFECT_COUNT; d++) {
		named &= strcmp(hvalue_defect_name(d), "?") &&
			*hvalue_defect_str(d);
		for (int e = 0; e < d; e++)
			distinct &= strcmp(hvalue_defect_name(d),
					   hvalue_defect_name(e)) != 0;
	}
	CHECK(named && distinct, "defect names");
	CHECK(!strcmp(hvalue_defect_name(HV_DEFECT_COUNT), "?") &&
	      !strcmp(hvalue_defect_str(HV_DEFECT_COUNT), "?"), "past the end");

	for (int id = 1; id < HDR_COUNT; id++)
		CHECK(hvalue_known(id) || id == HDR_OTHER, "%s has no rule",
		      message_hdr_name(id));
	CHECK(!hvalue_known(HDR_OTHER) && !hvalue_known(HDR_COUNT), "known");

	/* the new header ids, with their compact forms */
	message_scan(&m, resp, sizeof(resp) - 1, 0);
	CHECK(m.hdrc == 6 && m.hdrv[0].id == HDR_SESSION_EXPIRES &&
	      m.hdrv[1].id == HDR_ALLOW_EVENTS && m.hdrv[2].id == HDR_ROUTE &&
	      m.hdrv[3].id == HDR_RACK && m.hdrv[4].id == HDR_DATE &&
	      m.hdrv[5].id == HDR_EXPIRES, "new header ids");
	for (unsigned k = 0; k < m.hdrc; k++)
		CHECK(!hvalue_check(&hv, m.hdrv[k].id, m.hdrv[k].val.p,
				    m.hdrv[k].val.l), "%r", &m.hdrv[k].name);
}

/* -- parameters given twice: the value parses, hv.dup says where --------- */

static const struct {
	enum hdr_id id;
	const char *val;
	enum hv_defect dup;
	size_t off;
	const char *why;
} dups[] = {
	{HDR_VIA, "SIP/2.0/UDP h;branch=z9hG4bK1;branch=z9hG4bK2",
	 HV_PARAM_DUP, 30, "two branch= (8.1.1.7: one branch)"},
	{HDR_VIA, "SIP/2.0/UDP h;rport;received=1.2.3.4;rport=5060",
	 HV_PARAM_DUP, 37, "rport twice, the first bare"},
	{HDR_VIA, "SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP g;ttl=1;ttl=2",
	 HV_PARAM_DUP, 51, "in the second via-parm"},
	{HDR_TO, "<sip:b@h>;tag=1;tag=2", HV_PARAM_DUP, 16, "two tag="},
	{HDR_FROM, "<sip:a@h;transport=tcp;transport=udp>;tag=1",
	 HV_URI_PARAM_DUP, 23, "URI: two transport= (19.1.1 MUST NOT)"},
	{HDR_CONTACT, "<sip:a@h;lr;LR>", HV_URI_PARAM_DUP, 12,
	 "URI: lr twice, in any case"},
	{HDR_CONTACT, "<sip:a@h>;expires=1, <sip:b@h>;q=0.5;Q=1",
	 HV_PARAM_DUP, 37, "second contact, q twice"},
	{HDR_CONTACT, "<sip:a@h;maddr=1.2.3.4>;expires=1;expires=1",
	 HV_PARAM_DUP, 34, "header param dup"},
	/* not a repetition */
	{HDR_VIA, "SIP/2.0/UDP h;branch=z9hG4bK1;x=1;x=2", HV_OK, 0,
	 "a generic-param without a rule of its own: not checked"},
	{HDR_TO, "<sip:b@h;tag=1>;tag=2", HV_OK, 0,
	 "a uri-parameter and a header parameter of the same name"},
	{HDR_CONTACT, "<sip:a@h;transport=tcp>, <sip:b@h;transport=tcp>",
	 HV_OK, 0, "the same parameter in two elements"},
};

static void test_dups(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(dups); i++) {
		struct hvalue hv;
		int err = parse_guarded(&hv, dups[i].id, dups[i].val,
					strlen(dups[i].val), true);

		CHECK(err == 0 && hv.dup == dups[i].dup &&
		      hv.dup_off == dups[i].off,
		      "dup: %s: %m, %s at %zu, want %s at %zu", dups[i].why,
		      err, hvalue_defect_name(hv.dup), hv.dup_off,
		      hvalue_defect_name(dups[i].dup), dups[i].off);
	}
}

/*
 * test_hvalue --table: the results of RFC 4475 and RFC 5118, as the
 * parser gives them now (not as the expectations above say), a Markdown
 * table for fuzz/README.md and the issue's note.  The RFCs' own verdict:
 * RFC 4475 3.1.1 valid, 3.1.2 invalid; RFC 5118 4.2 and the first
 * message of 4.10 invalid, the rest valid.
 */
static void print_table(void)
{
	static struct message m;

	printf("| RFC | section | message | the RFC says | header defects "
	       "found by the strict grammar |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < ARRAY_SIZE(torture); i++) {
		const struct torture *t = &torture[i];
		bool invalid = !strcmp(t->rfc, "4475") ?
			!strncmp(t->sec, "3.1.2", 5) :
			!strcmp(t->name, "ipv6-bad") ||
			!strcmp(t->name, "ipv6-bug-abnf-3-colons");
		unsigned n = 0;

		printf("| %s | %s | %s | %s | ", t->rfc, t->sec, t->name,
		       invalid ? "invalid" : "valid");
		message_scan(&m, t->text, t->len, 0);
		for (unsigned k = 0; k < m.hdrc; k++) {
			const struct msg_hdr *h = &m.hdrv[k];
			struct hvalue hv;

			if (!hvalue_check(&hv, h->id, h->val.p, h->val.l))
				continue;
			re_printf("%s%r: %s at %zu", n++ ? "; " : "", &h->name,
				  hvalue_defect_name(hv.defect), hv.off);
		}
		if (!n) {
			const char *why = NULL;

			for (size_t w = 0; w < ARRAY_SIZE(torture_why); w++)
				if (!strcmp(torture_why[w].name, t->name))
					why = torture_why[w].why;
			printf("none%s%s", why ? " (" : "", why ? why : "");
			printf("%s", why ? ")" : "");
		}
		printf(" |\n");
	}
}

int main(int argc, char *argv[])
{
	if (argc > 1 && !strcmp(argv[1], "--table")) {
		print_table();
		return 0;
	}
	if (guard_init()) {
		fprintf(stderr, "cannot map the guard page\n");
		return 99;
	}

	test_cases();
	test_dups();
	test_torture();
	test_uris();
	test_fields();
	test_api();

	return test_summary("test_hvalue");
}
