/**
 * @file torture.h  The messages of RFC 4475 (SIP torture tests) and
 *                  RFC 5118 (IPv6 torture tests), header part only
 *
 * As the RFCs give them (RFC 4475 section 2: long lines and non-printable
 * bytes written out), up to and including the empty line; bodies left
 * out.  3.1.1 and 5118 4.1/4.3-4.10 are valid, 3.1.2 and 5118 4.2 and the
 * first of 4.10 invalid; test_hvalue.c says which header, if any, makes
 * each one so and what the parser says about every header of each.
 */
#ifndef SIPCONFORM_TESTS_TORTURE_H
#define SIPCONFORM_TESTS_TORTURE_H

#include <stddef.h>
#include "sip/hdefect.h"

/* RFC 4475 section 3.1.1.1, wsinv */
static const char m_wsinv[] =
	"INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\r\n"
	"TO :\r\n"
	" sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n"
	"from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n"
	"  ;\r\n"
	"  tag = 98asjd8\r\n"
	"MaX-fOrWaRdS: 0068\r\n"
	"Call-ID: wsinv.ndaksdj@192.0.2.1\r\n"
	"Content-Length   : 150\r\n"
	"cseq: 0009\r\n"
	"  INVITE\r\n"
	"Via  : SIP  /   2.0\r\n"
	" /UDP\r\n"
	"    192.0.2.2;branch=390skdjuw\r\n"
	"s :\r\n"
	"NewFangledHeader:   newfangled value\r\n"
	" continued newfangled value\r\n"
	"UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"
	"Content-Type: application/sdp\r\n"
	"Route:\r\n"
	" <sip:services.example.com;lr;unknownwith=value;unknown-no-value>\r\n"
	"v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n"
	"  branch  =   z9hG4bK9ikj8  ,\r\n"
	" SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n"
	" z9hG4bK30239\r\n"
	"m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n"
	"      newvalue ;\r\n"
	"  secondparam ; q = 0.33\r\n";

/* RFC 4475 section 3.1.1.2, intmeth */
static const char m_intmeth[] =
	"!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!su"
	"re)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@ex"
	"ample.com SIP/2.0\r\n"
	"Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\r\n"
	"To: \"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f\" <sip:1_unusual.URI~(to-be!sure"
	")&isn't+it$/crazy?,/;;*@example.com>\r\n"
	"From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromPara"
	"m''~+*_!.-%=\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9\""
	";tag=_token~1'+`*%!-.\r\n"
	"Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\r\n"
	"CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~\r\n"
	"Max-Forwards: 255\r\n"
	"extensionHeader-!.%*+_`'~:\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.1.1.3, esc01 */
static const char m_esc01[] =
	"INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0\r\n"
	"To: sip:%75se%72@example.com\r\n"
	"From: <sip:I%20have%20spaces@example.net>;tag=938\r\n"
	"Max-Forwards: 87\r\n"
	"i: esc01.239409asdfakjkn23onasd0-3234\r\n"
	"CSeq: 234234 INVITE\r\n"
	"Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw\r\n"
	"C: application/sdp\r\n"
	"Contact:\r\n"
	"  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>\r\n"
	"Content-Length: 150\r\n";

/* RFC 4475 section 3.1.1.4, escnull */
static const char m_escnull[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: sip:null-%00-null@example.com\r\n"
	"From: sip:null-%00-null@example.com;tag=839923423\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd\r\n"
	"CSeq: 14398234 REGISTER\r\n"
	"Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw\r\n"
	"Contact: <sip:%00@host5.example.com>\r\n"
	"Contact: <sip:%00%00@host5.example.com>\r\n"
	"L:0\r\n";

/* RFC 4475 section 3.1.1.5, esc02 */
static const char m_esc02[] =
	"RE%47IST%45R sip:registrar.example.com SIP/2.0\r\n"
	"To: \"%Z%45\" <sip:resource@example.com>\r\n"
	"From: \"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23\r\n"
	"Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf\r\n"
	"Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234\r\n"
	"CSeq: 29344 RE%47IST%45R\r\n"
	"Max-Forwards: 70\r\n"
	"Contact: <sip:alias1@host1.example.com>\r\n"
	"C%6Fntact: <sip:alias2@host2.example.com>\r\n"
	"Contact: <sip:alias3@host3.example.com>\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.1.6, lwsdisp */
static const char m_lwsdisp[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: caller<sip:caller@example.com>;tag=323\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: lwsdisp.1234abcd@funky.example.com\r\n"
	"CSeq: 60 OPTIONS\r\n"
	"Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.1.7, longreq */
static const char m_longreq[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: \"I have a user name of extremeextremeextremeextremeextremeextremee"
	"xtremeextremeextremeextreme proportion\"<sip:user@example.com:6000;unkn"
	"ownparam1=verylonglonglonglonglonglonglonglonglonglonglonglonglonglongl"
	"onglonglonglonglonglongvalue;longparamnamenamenamenamenamenamenamenamen"
	"amenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename=sho"
	"rtvalue;verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglon"
	"glonglonglonglonglonglonglonglonglonglongParameterNameWithNoValue>\r\n"
	"F: sip:amazinglylongcallernameamazinglylongcallernameamazinglylongcalle"
	"rnameamazinglylongcallernameamazinglylongcallername@example.net;tag=129"
	"82982982982982982982982982982982982982982982982982982982982982982982982"
	"98298298298298298298298298298298298298298298298298298298298298298298298"
	"2982982424;unknownheaderparamnamenamenamenamenamenamenamenamenamenamena"
	"menamenamenamenamenamenamenamenamename=unknowheaderparamvaluevaluevalue"
	"valuevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevalue;unknownVal"
	"uelessparamnameparamnameparamnameparamnameparamnameparamnameparamnamepa"
	"ramnameparamnameparamname\r\n"
	"Call-ID: longreq.onereallyreallyreallyreallyreallyreallyreallyreallyrea"
	"llyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallylo"
	"ngcallid\r\n"
	"CSeq: 3882340 INVITE\r\n"
	"Unknown-LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLon"
	"gLongLongLongLong-Name: unknown-longlonglonglonglonglonglonglonglonglon"
	"glonglonglonglonglonglonglonglonglonglong-value; unknown-longlonglonglo"
	"nglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglong-para"
	"meter-name = unknown-longlonglonglonglonglonglonglonglonglonglonglonglo"
	"nglonglonglonglonglonglonglong-parameter-value\r\n"
	"Via: SIP/2.0/TCP sip33.example.com\r\n"
	"v: SIP/2.0/TCP sip32.example.com\r\n"
	"V: SIP/2.0/TCP sip31.example.com\r\n"
	"Via: SIP/2.0/TCP sip30.example.com\r\n"
	"ViA: SIP/2.0/TCP sip29.example.com\r\n"
	"VIa: SIP/2.0/TCP sip28.example.com\r\n"
	"VIA: SIP/2.0/TCP sip27.example.com\r\n"
	"via: SIP/2.0/TCP sip26.example.com\r\n"
	"viA: SIP/2.0/TCP sip25.example.com\r\n"
	"vIa: SIP/2.0/TCP sip24.example.com\r\n"
	"vIA: SIP/2.0/TCP sip23.example.com\r\n"
	"V :  SIP/2.0/TCP sip22.example.com\r\n"
	"v :  SIP/2.0/TCP sip21.example.com\r\n"
	"V  : SIP/2.0/TCP sip20.example.com\r\n"
	"v  : SIP/2.0/TCP sip19.example.com\r\n"
	"Via : SIP/2.0/TCP sip18.example.com\r\n"
	"Via  : SIP/2.0/TCP sip17.example.com\r\n"
	"Via: SIP/2.0/TCP sip16.example.com\r\n"
	"Via: SIP/2.0/TCP sip15.example.com\r\n"
	"Via: SIP/2.0/TCP sip14.example.com\r\n"
	"Via: SIP/2.0/TCP sip13.example.com\r\n"
	"Via: SIP/2.0/TCP sip12.example.com\r\n"
	"Via: SIP/2.0/TCP sip11.example.com\r\n"
	"Via: SIP/2.0/TCP sip10.example.com\r\n"
	"Via: SIP/2.0/TCP sip9.example.com\r\n"
	"Via: SIP/2.0/TCP sip8.example.com\r\n"
	"Via: SIP/2.0/TCP sip7.example.com\r\n"
	"Via: SIP/2.0/TCP sip6.example.com\r\n"
	"Via: SIP/2.0/TCP sip5.example.com\r\n"
	"Via: SIP/2.0/TCP sip4.example.com\r\n"
	"Via: SIP/2.0/TCP sip3.example.com\r\n"
	"Via: SIP/2.0/TCP sip2.example.com\r\n"
	"Via: SIP/2.0/TCP sip1.example.com\r\n"
	"Via: SIP/2.0/TCP host.example.com;received=192.0.2.5;branch=verylonglon"
	"glonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglo"
	"nglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongl"
	"onglonglonglonglonglonglonglonglonglonglonglonglongbranchvalue\r\n"
	"Max-Forwards: 70\r\n"
	"Contact: <sip:amazinglylongcallernameamazinglylongcallernameamazinglylo"
	"ngcallernameamazinglylongcallernameamazinglylongcallername@host5.exampl"
	"e.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"l: 150\r\n";

/* RFC 4475 section 3.1.1.8, dblreq */
static const char m_dblreq[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:j.user@example.com;tag=43251j3j324\r\n"
	"Max-Forwards: 8\r\n"
	"I: dblreq.0ha0isndaksdj99sdfafnl3lk233412\r\n"
	"Contact: sip:j.user@host.example.com\r\n"
	"CSeq: 8 REGISTER\r\n"
	"Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.1.1.9, semiuri */
static const char m_semiuri[] =
	"OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0\r\n"
	"To: sip:j_user@example.com\r\n"
	"From: sip:caller@example.org;tag=33242\r\n"
	"Max-Forwards: 3\r\n"
	"Call-ID: semiuri.0ha0isndaksdj\r\n"
	"CSeq: 8 OPTIONS\r\n"
	"Accept: application/sdp, application/pkcs7-mime,\r\n"
	"        multipart/mixed, multipart/signed,\r\n"
	"        message/sip, message/sipfrag\r\n"
	"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.1.10, transports */
static const char m_transports[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: <sip:caller@example.com>;tag=323\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID:  transports.kijh4akdnaqjkwendsasfdj\r\n"
	"Accept: application/sdp\r\n"
	"CSeq: 60 OPTIONS\r\n"
	"Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw\r\n"
	"Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf\r\n"
	"Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj\r\n"
	"Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en\r\n"
	"Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.1.11, mpart01 */
static const char m_mpart01[] =
	"MESSAGE sip:kumiko@example.org SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-"
	"1--d87543-;rport\r\n"
	"Max-Forwards: 70\r\n"
	"Route: <sip:127.0.0.1:5080>\r\n"
	"Identity: r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuLIK0YWVKZhKv9Mj8"
	"UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDNGCzA+fWl9MEUHWIZo1CeJebdY/XlgK"
	"eTa0Olvq0rt70Q5jiSfbqMJmQFteeivUhkMWYUA=\r\n"
	"Contact: <sip:fluffy@127.0.0.1:5070>\r\n"
	"To: <sip:kumiko@example.org>\r\n"
	"From: <sip:fluffy@example.com>;tag=2fb0dcc9\r\n"
	"Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..\r\n"
	"CSeq: 1 MESSAGE\r\n"
	"Content-Transfer-Encoding: binary\r\n"
	"Content-Type: multipart/mixed;boundary=7a9cbec02ceef655\r\n"
	"Date: Sat, 15 Oct 2005 04:44:56 GMT\r\n"
	"User-Agent: SIPimp.org/0.2.5 (curses)\r\n"
	"Content-Length: 553\r\n";

/* RFC 4475 section 3.1.1.12, unreason */
static const char m_unreason[] =
	"SIP/2.0 200 = 2**3 * 5**2 \xd0\xbd\xd0\xbe \xd1\x81\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd0\xbd\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe "
	"\xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd1\x82\xd1\x8c - \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd0\xb5\r\n"
	"Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\n"
	"Call-ID: unreason.1234ksdfak3j2erwedfsASdf\r\n"
	"CSeq: 35 INVITE\r\n"
	"From: sip:user@example.com;tag=11141343\r\n"
	"To: sip:user@example.edu;tag=2229\r\n"
	"Content-Length: 154\r\n"
	"Content-Type: application/sdp\r\n"
	"Contact: <sip:user@host198.example.com>\r\n";

/* RFC 4475 section 3.1.1.13, noreason */
static const char m_noreason[] =
	"SIP/2.0 100 \r\n"
	"Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n"
	"Call-ID: noreason.asndj203insdf99223ndf\r\n"
	"CSeq: 35 INVITE\r\n"
	"From: <sip:user@example.com>;tag=39ansfi3\r\n"
	"To: <sip:user@example.edu>;tag=902jndnke3\r\n"
	"Content-Length: 0\r\n"
	"Contact: <sip:user@host105.example.com>\r\n";

/* RFC 4475 section 3.1.2.1, badinv01 */
static const char m_badinv01[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=134161461246\r\n"
	"Max-Forwards: 7\r\n"
	"Call-ID: badinv01.0ha0isndaksdjasdf3234nas\r\n"
	"CSeq: 8 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.15;;,;,,\r\n"
	"Contact: \"Joe\" <sip:joe@example.org>;;;;\r\n"
	"Content-Length: 152\r\n"
	"Content-Type: application/sdp\r\n";

/* RFC 4475 section 3.1.2.2, clerr */
static const char m_clerr[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"Max-Forwards: 80\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=93942939o2\r\n"
	"Contact: <sip:caller@hungry.example.net>\r\n"
	"Call-ID: clerr.0ha0isndaksdjweiafasdk3\r\n"
	"CSeq: 8 INVITE\r\n"
	"Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bK-39234-23523\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 9999\r\n";

/* RFC 4475 section 3.1.2.3, ncl */
static const char m_ncl[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"Max-Forwards: 254\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=32394234\r\n"
	"Call-ID: ncl.0ha0isndaksdj2193423r542w35\r\n"
	"CSeq: 0 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.53;branch=z9hG4bKkdjuw\r\n"
	"Contact: <sip:caller@example53.example.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: -999\r\n";

/* RFC 4475 section 3.1.2.4, scalar02 */
static const char m_scalar02[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3\r\n"
	"To: <sip:user@example.com>\r\n"
	"From: <sip:user@example.com>;tag=239232jh3\r\n"
	"CSeq: 36893488147419103232 REGISTER\r\n"
	"Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32\r\n"
	"Max-Forwards: 300\r\n"
	"Expires: 10000000000000000000000000000000000000000000000000000000000000"
	"000000000000000000000000000000000000000\r\n"
	"Contact: <sip:user@host129.example.com>\r\n"
	"  ;expires=280297596632815\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.1.2.5, scalarlg */
static const char m_scalarlg[] =
	"SIP/2.0 503 Service Unavailable\r\n"
	"Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bKzzxdiwo34sw;received"
	"=192.0.2.129\r\n"
	"To: <sip:user@example.com>\r\n"
	"From: <sip:other@example.net>;tag=2easdjfejw\r\n"
	"CSeq: 9292394834772304023312 OPTIONS\r\n"
	"Call-ID: scalarlg.noase0of0234hn2qofoaf0232aewf2394r\r\n"
	"Retry-After: 949302838503028349304023988\r\n"
	"Warning: 1812 overture \"In Progress\"\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.1.2.6, quotbal */
static const char m_quotbal[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: \"Mr. J. User <sip:j.user@example.com>\r\n"
	"From: sip:caller@example.net;tag=93334\r\n"
	"Max-Forwards: 10\r\n"
	"Call-ID: quotbal.aksdj\r\n"
	"Contact: <sip:caller@host59.example.net>\r\n"
	"CSeq: 8 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.59:5050;branch=z9hG4bKkdjuw39234\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 152\r\n";

/* RFC 4475 section 3.1.2.7, ltgtruri */
static const char m_ltgtruri[] =
	"INVITE <sip:user@example.com> SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=39291\r\n"
	"Max-Forwards: 23\r\n"
	"Call-ID: ltgtruri.1@192.0.2.5\r\n"
	"CSeq: 1 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.5\r\n"
	"Contact: <sip:caller@host5.example.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 159\r\n";

/* RFC 4475 section 3.1.2.8, lwsruri */
static const char m_lwsruri[] =
	"INVITE sip:user@example.com; lr SIP/2.0\r\n"
	"To: sip:user@example.com;tag=3xfe-9921883-z9f\r\n"
	"From: sip:caller@example.net;tag=231413434\r\n"
	"Max-Forwards: 5\r\n"
	"Call-ID: lwsruri.asdfasdoeoi2323-asdfwrn23-asd834rk423\r\n"
	"CSeq: 2130706432 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKkdjuw2395\r\n"
	"Contact: <sip:caller@host1.example.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 159\r\n";

/* RFC 4475 section 3.1.2.9, lwsstart */
static const char m_lwsstart[] =
	"INVITE  sip:user@example.com  SIP/2.0\r\n"
	"Max-Forwards: 8\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=8814\r\n"
	"Call-ID: lwsstart.dfknq234oi243099adsdfnawe3@example.com\r\n"
	"CSeq: 1893884 INVITE\r\n"
	"Via: SIP/2.0/UDP host1.example.com;branch=z9hG4bKkdjuw3923\r\n"
	"Contact: <sip:caller@host1.example.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 150\r\n";

/* RFC 4475 section 3.1.2.10, trws */
static const char m_trws[] =
	"OPTIONS sip:remote-target@example.com SIP/2.0  \r\n"
	"Via: SIP/2.0/TCP host1.examle.com;branch=z9hG4bK299342093\r\n"
	"To: <sip:remote-target@example.com>\r\n"
	"From: <sip:local-resource@example.com>;tag=329429089\r\n"
	"Call-ID: trws.oicu34958239neffasdhr2345r\r\n"
	"Accept: application/sdp\r\n"
	"CSeq: 238923 OPTIONS\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.1.2.11, escruri */
static const char m_escruri[] =
	"INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=341518\r\n"
	"Max-Forwards: 7\r\n"
	"Contact: <sip:caller@host39923.example.net>\r\n"
	"Call-ID: escruri.23940-asdfhj-aje3br-234q098w-fawerh2q-h4n5\r\n"
	"CSeq: 149209342 INVITE\r\n"
	"Via: SIP/2.0/UDP host-of-the-hour.example.com;branch=z9hG4bKkdjuw\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 150\r\n";

/* RFC 4475 section 3.1.2.12, baddate */
static const char m_baddate[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=2234923\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234\r\n"
	"CSeq: 1392934 INVITE\r\n"
	"Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw\r\n"
	"Date: Fri, 01 Jan 2010 16:00:00 EST\r\n"
	"Contact: <sip:caller@host5.example.net>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 150\r\n";

/* RFC 4475 section 3.1.2.13, regbadct */
static const char m_regbadct[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=998332\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: regbadct.k345asrl3fdbv@10.0.0.1\r\n"
	"CSeq: 1 REGISTER\r\n"
	"Via: SIP/2.0/UDP 135.180.130.133:5060;branch=z9hG4bKkdjuw\r\n"
	"Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.2.14, badaspec */
static const char m_badaspec[] =
	"OPTIONS sip:user@example.org SIP/2.0\r\n"
	"Via: SIP/2.0/UDP host4.example.com:5060;branch=z9hG4bKkdju43234\r\n"
	"Max-Forwards: 70\r\n"
	"From: \"Bell, Alexander\" <sip:a.g.bell@example.com>;tag=433423\r\n"
	"To: \"Watson, Thomas\" < sip:t.watson@example.org >\r\n"
	"Call-ID: badaspec.sdf0234n2nds0a099u23h3hnnw009cdkne3\r\n"
	"Accept: application/sdp\r\n"
	"CSeq: 3923239 OPTIONS\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.2.15, baddn */
static const char m_baddn[] =
	"OPTIONS sip:t.watson@example.org SIP/2.0\r\n"
	"Via:     SIP/2.0/UDP c.example.com:5060;branch=z9hG4bKkdjuw\r\n"
	"Max-Forwards:      70\r\n"
	"From:    Bell, Alexander <sip:a.g.bell@example.com>;tag=43\r\n"
	"To:      Watson, Thomas <sip:t.watson@example.org>\r\n"
	"Call-ID: baddn.31415@c.example.com\r\n"
	"Accept: application/sdp\r\n"
	"CSeq:    3923239 OPTIONS\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.2.16, badvers */
static const char m_badvers[] =
	"OPTIONS sip:t.watson@example.org SIP/7.0\r\n"
	"Via:     SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw\r\n"
	"Max-Forwards:     70\r\n"
	"From:    A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe\r\n"
	"To:      T. Watson <sip:t.watson@example.org>\r\n"
	"Call-ID: badvers.31417@c.example.com\r\n"
	"CSeq:    1 OPTIONS\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.2.17, mismatch01 */
static const char m_mismatch01[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=34525\r\n"
	"Max-Forwards: 6\r\n"
	"Call-ID: mismatch01.dj0234sxdfl3\r\n"
	"CSeq: 8 INVITE\r\n"
	"Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.1.2.18, mismatch02 */
static const char m_mismatch02[] =
	"NEWMETHOD sip:user@example.com SIP/2.0\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=34525\r\n"
	"Max-Forwards: 6\r\n"
	"Call-ID: mismatch02.dj0234sxdfl3\r\n"
	"CSeq: 8 INVITE\r\n"
	"Contact: <sip:caller@host.example.net>\r\n"
	"Via: SIP/2.0/UDP host.example.net;branch=z9hG4bKkdjuw\r\n"
	"Content-Type: application/sdp\r\n"
	"l: 138\r\n";

/* RFC 4475 section 3.1.2.19, bigcode */
static const char m_bigcode[] =
	"SIP/2.0 4294967301 better not break the receiver\r\n"
	"Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n"
	"Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i\r\n"
	"CSeq: 353494 INVITE\r\n"
	"From: <sip:user@example.com>;tag=39ansfi3\r\n"
	"To: <sip:user@example.edu>;tag=902jndnke3\r\n"
	"Content-Length: 0\r\n"
	"Contact: <sip:user@host105.example.com>\r\n";

/* RFC 4475 section 3.2.1, badbranch */
static const char m_badbranch[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.org;tag=33242\r\n"
	"Max-Forwards: 3\r\n"
	"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK\r\n"
	"Accept: application/sdp\r\n"
	"Call-ID: badbranch.sadonfo23i420jv0as0derf3j3n\r\n"
	"CSeq: 8 OPTIONS\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.3.1, insuf */
static const char m_insuf[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"CSeq: 193942 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf\r\n"
	"Content-Type: application/sdp\r\n"
	"l: 152\r\n";

/* RFC 4475 section 3.3.2, unkscm */
static const char m_unkscm[] =
	"OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=384\r\n"
	"Max-Forwards: 3\r\n"
	"Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34\r\n"
	"CSeq: 3923423 OPTIONS\r\n"
	"Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.3.3, novelsc */
static const char m_novelsc[] =
	"OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=384\r\n"
	"Max-Forwards: 3\r\n"
	"Call-ID: novelsc.asdfasser0q239nwsdfasdkl34\r\n"
	"CSeq: 3923423 OPTIONS\r\n"
	"Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.3.4, unksm2 */
static const char m_unksm2[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: isbn:2983792873\r\n"
	"From: <http://www.example.com>;tag=3234233\r\n"
	"Call-ID: unksm2.daksdj@hyphenated-host.example.com\r\n"
	"CSeq: 234902 REGISTER\r\n"
	"Max-Forwards: 70\r\n"
	"Via: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw\r\n"
	"Contact: <name:John_Smith>\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.3.5, bext01 */
static const char m_bext01[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:j_user@example.com\r\n"
	"From: sip:caller@example.net;tag=242etr\r\n"
	"Max-Forwards: 6\r\n"
	"Call-ID: bext01.0ha0isndaksdj\r\n"
	"Require: nothingSupportsThis, nothingSupportsThisEither\r\n"
	"Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis\r\n"
	"CSeq: 8 OPTIONS\r\n"
	"Via: SIP/2.0/TLS fold-and-staple.example.com;branch=z9hG4bKkdjuw\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.3.6, invut */
static const char m_invut[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"Contact: <sip:caller@host5.example.net>\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:caller@example.net;tag=8392034\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: invut.0ha0isndaksdjadsfij34n23d\r\n"
	"CSeq: 235448 INVITE\r\n"
	"Via: SIP/2.0/UDP somehost.example.com;branch=z9hG4bKkdjuw\r\n"
	"Content-Type: application/unknownformat\r\n"
	"Content-Length: 40\r\n";

/* RFC 4475 section 3.3.7, regaut01 */
static const char m_regaut01[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: sip:j.user@example.com\r\n"
	"From: sip:j.user@example.com;tag=87321hj23128\r\n"
	"Max-Forwards: 8\r\n"
	"Call-ID: regaut01.0ha0isndaksdj\r\n"
	"CSeq: 9338 REGISTER\r\n"
	"Via: SIP/2.0/TCP 192.0.2.253;branch=z9hG4bKkdjuw\r\n"
	"Authorization: NoOneKnowsThisScheme opaque-data=here\r\n"
	"Content-Length:0\r\n";

/* RFC 4475 section 3.3.8, multi01 */
static const char m_multi01[] =
	"INVITE sip:user@company.com SIP/2.0\r\n"
	"Contact: <sip:caller@host25.example.net>\r\n"
	"Via: SIP/2.0/UDP 192.0.2.25;branch=z9hG4bKkdjuw\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 5 INVITE\r\n"
	"Call-ID: multi01.98asdh@192.0.2.1\r\n"
	"CSeq: 59 INVITE\r\n"
	"Call-ID: multi01.98asdh@192.0.2.2\r\n"
	"From: sip:caller@example.com;tag=3413415\r\n"
	"To: sip:user@example.com\r\n"
	"To: sip:other@example.net\r\n"
	"From: sip:caller@example.net;tag=2923420123\r\n"
	"Content-Type: application/sdp\r\n"
	"l: 154\r\n"
	"Contact: <sip:caller@host36.example.net>\r\n"
	"Max-Forwards: 5\r\n";

/* RFC 4475 section 3.3.9, mcl01 */
static const char m_mcl01[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bK293423\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:other@example.net;tag=3923942\r\n"
	"Call-ID: mcl01.fhn2323orihawfdoa3o4r52o3irsdf\r\n"
	"CSeq: 15932 OPTIONS\r\n"
	"Content-Length: 13\r\n"
	"Max-Forwards: 60\r\n"
	"Content-Length: 5\r\n"
	"Content-Type: text/plain\r\n";

/* RFC 4475 section 3.3.10, bcast */
static const char m_bcast[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\n"
	"Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23\r\n"
	"Call-ID: bcast.0384840201234ksdfak3j2erwedfsASdf\r\n"
	"CSeq: 35 INVITE\r\n"
	"From: sip:user@example.com;tag=11141343\r\n"
	"To: sip:user@example.edu;tag=2229\r\n"
	"Content-Length: 154\r\n"
	"Content-Type: application/sdp\r\n"
	"Contact: <sip:user@host28.example.com>\r\n";

/* RFC 4475 section 3.3.11, zeromf */
static const char m_zeromf[] =
	"OPTIONS sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:caller@example.net;tag=3ghsd41\r\n"
	"Call-ID: zeromf.jfasdlfnm2o2l43r5u0asdfas\r\n"
	"CSeq: 39234321 OPTIONS\r\n"
	"Via: SIP/2.0/UDP host1.example.com;branch=z9hG4bKkdjuw2349i\r\n"
	"Max-Forwards: 0\r\n"
	"Content-Length: 0\r\n";

/* RFC 4475 section 3.3.12, cparam01 */
static const char m_cparam01[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw\r\n"
	"Max-Forwards: 70\r\n"
	"From: sip:watson@example.com;tag=DkfVgjkrtMwaerKKpe\r\n"
	"To: sip:watson@example.com\r\n"
	"Call-ID: cparam01.70710@saturn.example.com\r\n"
	"CSeq: 2 REGISTER\r\n"
	"Contact: sip:+19725552222@gw1.example.net;unknownparam\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.3.13, cparam02 */
static const char m_cparam02[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw\r\n"
	"Max-Forwards: 70\r\n"
	"From: sip:watson@example.com;tag=838293\r\n"
	"To: sip:watson@example.com\r\n"
	"Call-ID: cparam02.70710@saturn.example.com\r\n"
	"CSeq: 3 REGISTER\r\n"
	"Contact: <sip:+19725552222@gw1.example.net;unknownparam>\r\n"
	"l: 0\r\n";

/* RFC 4475 section 3.3.14, regescrt */
static const char m_regescrt[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=8\r\n"
	"Max-Forwards: 70\r\n"
	"Call-ID: regescrt.k345asrl3fdbv@192.0.2.1\r\n"
	"CSeq: 14398234 REGISTER\r\n"
	"Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw\r\n"
	"M: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>\r\n"
	"L:0\r\n";

/* RFC 4475 section 3.3.15, sdp01 */
static const char m_sdp01[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: sip:j_user@example.com\r\n"
	"Contact: <sip:caller@host15.example.net>\r\n"
	"From: sip:caller@example.net;tag=234\r\n"
	"Max-Forwards: 5\r\n"
	"Call-ID: sdp01.ndaksdj9342dasdd\r\n"
	"Accept: text/nobodyKnowsThis\r\n"
	"CSeq: 8 INVITE\r\n"
	"Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw\r\n"
	"Content-Length: 150\r\n"
	"Content-Type: application/sdp\r\n";

/* RFC 4475 section 3.4.1, inv2543 */
static const char m_inv2543[] =
	"INVITE sip:UserB@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP iftgw.example.com\r\n"
	"From: <sip:+13035551111@ift.client.example.net;user=phone>\r\n"
	"Record-Route: <sip:UserB@example.com;maddr=ss1.example.com>\r\n"
	"To: sip:+16505552222@ss1.example.net;user=phone\r\n"
	"Call-ID: inv2543.1717@ift.client.example.com\r\n"
	"CSeq: 56 INVITE\r\n"
	"Content-Type: application/sdp\r\n";

/* RFC 5118 section 4.1, ipv6-good */
static const char m_ipv6_good[] =
	"REGISTER sip:[2001:db8::10] SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Max-Forwards: 70\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::1]>\r\n"
	"CSeq: 98176 REGISTER\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.2, ipv6-bad */
static const char m_ipv6_bad[] =
	"REGISTER sip:2001:db8::10 SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Max-Forwards: 70\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::1]>\r\n"
	"CSeq: 98176 REGISTER\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.3, port-ambiguous */
static const char m_port_ambiguous[] =
	"REGISTER sip:[2001:db8::10:5070] SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::1]>\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 98176 REGISTER\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.4, port-unambiguous */
static const char m_port_unambiguous[] =
	"REGISTER sip:[2001:db8::10]:5070 SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::1]>\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 98176 REGISTER\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.5, via-received-param-with-delim */
static const char m_via_received_param_with_delim[] =
	"BYE sip:[2001:db8::10] SIP/2.0\r\n"
	"To: sip:user@example.com;tag=bd76ya\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG"
	"4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 321 BYE\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.5, via-received-param-no-delim */
static const char m_via_received_param_no_delim[] =
	"OPTIONS sip:[2001:db8::10] SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4b"
	"Kas3\r\n"
	"Call-ID: SSG95523997077@hlau_4100\r\n"
	"Max-Forwards: 70\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::9:1]>\r\n"
	"CSeq: 921 OPTIONS\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.6, ipv6-in-sdp */
static const char m_ipv6_in_sdp[] =
	"INVITE sip:user@[2001:db8::10] SIP/2.0\r\n"
	"To: sip:user@[2001:db8::10]\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::20]>\r\n"
	"CSeq: 8612 INVITE\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 241\r\n";

/* RFC 5118 section 4.7, mult-ip-in-header */
static const char m_mult_ip_in_header[] =
	"BYE sip:user@host.example.net SIP/2.0\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111\r\n"
	"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144\r\n"
	"Via: SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2"
	".200\r\n"
	"Call-ID: 997077@lau_4100\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 89187 BYE\r\n"
	"To: sip:user@example.net;tag=9817--94\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.8, mult-ip-in-sdp */
static const char m_mult_ip_in_sdp[] =
	"INVITE sip:user@[2001:db8::10] SIP/2.0\r\n"
	"To: sip:user@[2001:db8::10]\r\n"
	"From: sip:user@example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Contact: \"Caller\" <sip:caller@[2001:db8::9:1]>\r\n"
	"Max-Forwards: 70\r\n"
	"CSeq: 8912 INVITE\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 181\r\n";

/* RFC 5118 section 4.9, ipv4-mapped-ipv6 */
static const char m_ipv4_mapped_ipv6[] =
	"INVITE sip:user@example.com SIP/2.0\r\n"
	"To: sip:user@example.com\r\n"
	"From: sip:user@east.example.com;tag=81x2\r\n"
	"Via: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19\r\n"
	"Via: SIP/2.0/UDP [::ffff:192.0.2.2];branch=z9hG4bKas3-111\r\n"
	"Call-ID: SSG9559905523997077@hlau_4100\r\n"
	"Contact: \"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>\r\n"
	"CSeq: 612 INVITE\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 236\r\n";

/* RFC 5118 section 4.10, ipv6-bug-abnf-3-colons */
static const char m_ipv6_bug_abnf_3_colons[] =
	"OPTIONS sip:user@[2001:db8:::192.0.2.1] SIP/2.0\r\n"
	"To: sip:user@[2001:db8:::192.0.2.1]\r\n"
	"From: sip:user@example.com;tag=810x2\r\n"
	"Via: SIP/2.0/UDP lab1.east.example.com;branch=z9hG4bKas3-111\r\n"
	"Call-ID: G9559905523997077@hlau_4100\r\n"
	"CSeq: 689 OPTIONS\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Length: 0\r\n";

/* RFC 5118 section 4.10, ipv6-correct-abnf-2-colons */
static const char m_ipv6_correct_abnf_2_colons[] =
	"OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0\r\n"
	"To: sip:user@[2001:db8::192.0.2.1]\r\n"
	"From: sip:user@example.com;tag=810x2\r\n"
	"Via: SIP/2.0/UDP lab1.east.example.com;branch=z9hG4bKas3-111\r\n"
	"Call-ID: G9559905523997077@hlau_4100\r\n"
	"CSeq: 689 OPTIONS\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Length: 0\r\n";


static const struct torture {
	const char *rfc, *sec, *name, *text;
	size_t len;
} torture[] = {
	{"4475", "3.1.1.1", "wsinv", m_wsinv, sizeof(m_wsinv) - 1},
	{"4475", "3.1.1.2", "intmeth", m_intmeth, sizeof(m_intmeth) - 1},
	{"4475", "3.1.1.3", "esc01", m_esc01, sizeof(m_esc01) - 1},
	{"4475", "3.1.1.4", "escnull", m_escnull, sizeof(m_escnull) - 1},
	{"4475", "3.1.1.5", "esc02", m_esc02, sizeof(m_esc02) - 1},
	{"4475", "3.1.1.6", "lwsdisp", m_lwsdisp, sizeof(m_lwsdisp) - 1},
	{"4475", "3.1.1.7", "longreq", m_longreq, sizeof(m_longreq) - 1},
	{"4475", "3.1.1.8", "dblreq", m_dblreq, sizeof(m_dblreq) - 1},
	{"4475", "3.1.1.9", "semiuri", m_semiuri, sizeof(m_semiuri) - 1},
	{"4475", "3.1.1.10", "transports", m_transports, sizeof(m_transports) - 1},
	{"4475", "3.1.1.11", "mpart01", m_mpart01, sizeof(m_mpart01) - 1},
	{"4475", "3.1.1.12", "unreason", m_unreason, sizeof(m_unreason) - 1},
	{"4475", "3.1.1.13", "noreason", m_noreason, sizeof(m_noreason) - 1},
	{"4475", "3.1.2.1", "badinv01", m_badinv01, sizeof(m_badinv01) - 1},
	{"4475", "3.1.2.2", "clerr", m_clerr, sizeof(m_clerr) - 1},
	{"4475", "3.1.2.3", "ncl", m_ncl, sizeof(m_ncl) - 1},
	{"4475", "3.1.2.4", "scalar02", m_scalar02, sizeof(m_scalar02) - 1},
	{"4475", "3.1.2.5", "scalarlg", m_scalarlg, sizeof(m_scalarlg) - 1},
	{"4475", "3.1.2.6", "quotbal", m_quotbal, sizeof(m_quotbal) - 1},
	{"4475", "3.1.2.7", "ltgtruri", m_ltgtruri, sizeof(m_ltgtruri) - 1},
	{"4475", "3.1.2.8", "lwsruri", m_lwsruri, sizeof(m_lwsruri) - 1},
	{"4475", "3.1.2.9", "lwsstart", m_lwsstart, sizeof(m_lwsstart) - 1},
	{"4475", "3.1.2.10", "trws", m_trws, sizeof(m_trws) - 1},
	{"4475", "3.1.2.11", "escruri", m_escruri, sizeof(m_escruri) - 1},
	{"4475", "3.1.2.12", "baddate", m_baddate, sizeof(m_baddate) - 1},
	{"4475", "3.1.2.13", "regbadct", m_regbadct, sizeof(m_regbadct) - 1},
	{"4475", "3.1.2.14", "badaspec", m_badaspec, sizeof(m_badaspec) - 1},
	{"4475", "3.1.2.15", "baddn", m_baddn, sizeof(m_baddn) - 1},
	{"4475", "3.1.2.16", "badvers", m_badvers, sizeof(m_badvers) - 1},
	{"4475", "3.1.2.17", "mismatch01", m_mismatch01, sizeof(m_mismatch01) - 1},
	{"4475", "3.1.2.18", "mismatch02", m_mismatch02, sizeof(m_mismatch02) - 1},
	{"4475", "3.1.2.19", "bigcode", m_bigcode, sizeof(m_bigcode) - 1},
	{"4475", "3.2.1", "badbranch", m_badbranch, sizeof(m_badbranch) - 1},
	{"4475", "3.3.1", "insuf", m_insuf, sizeof(m_insuf) - 1},
	{"4475", "3.3.2", "unkscm", m_unkscm, sizeof(m_unkscm) - 1},
	{"4475", "3.3.3", "novelsc", m_novelsc, sizeof(m_novelsc) - 1},
	{"4475", "3.3.4", "unksm2", m_unksm2, sizeof(m_unksm2) - 1},
	{"4475", "3.3.5", "bext01", m_bext01, sizeof(m_bext01) - 1},
	{"4475", "3.3.6", "invut", m_invut, sizeof(m_invut) - 1},
	{"4475", "3.3.7", "regaut01", m_regaut01, sizeof(m_regaut01) - 1},
	{"4475", "3.3.8", "multi01", m_multi01, sizeof(m_multi01) - 1},
	{"4475", "3.3.9", "mcl01", m_mcl01, sizeof(m_mcl01) - 1},
	{"4475", "3.3.10", "bcast", m_bcast, sizeof(m_bcast) - 1},
	{"4475", "3.3.11", "zeromf", m_zeromf, sizeof(m_zeromf) - 1},
	{"4475", "3.3.12", "cparam01", m_cparam01, sizeof(m_cparam01) - 1},
	{"4475", "3.3.13", "cparam02", m_cparam02, sizeof(m_cparam02) - 1},
	{"4475", "3.3.14", "regescrt", m_regescrt, sizeof(m_regescrt) - 1},
	{"4475", "3.3.15", "sdp01", m_sdp01, sizeof(m_sdp01) - 1},
	{"4475", "3.4.1", "inv2543", m_inv2543, sizeof(m_inv2543) - 1},
	{"5118", "4.1", "ipv6-good", m_ipv6_good, sizeof(m_ipv6_good) - 1},
	{"5118", "4.2", "ipv6-bad", m_ipv6_bad, sizeof(m_ipv6_bad) - 1},
	{"5118", "4.3", "port-ambiguous", m_port_ambiguous, sizeof(m_port_ambiguous) - 1},
	{"5118", "4.4", "port-unambiguous", m_port_unambiguous, sizeof(m_port_unambiguous) - 1},
	{"5118", "4.5", "via-received-param-with-delim", m_via_received_param_with_delim, sizeof(m_via_received_param_with_delim) - 1},
	{"5118", "4.5", "via-received-param-no-delim", m_via_received_param_no_delim, sizeof(m_via_received_param_no_delim) - 1},
	{"5118", "4.6", "ipv6-in-sdp", m_ipv6_in_sdp, sizeof(m_ipv6_in_sdp) - 1},
	{"5118", "4.7", "mult-ip-in-header", m_mult_ip_in_header, sizeof(m_mult_ip_in_header) - 1},
	{"5118", "4.8", "mult-ip-in-sdp", m_mult_ip_in_sdp, sizeof(m_mult_ip_in_sdp) - 1},
	{"5118", "4.9", "ipv4-mapped-ipv6", m_ipv4_mapped_ipv6, sizeof(m_ipv4_mapped_ipv6) - 1},
	{"5118", "4.10", "ipv6-bug-abnf-3-colons", m_ipv6_bug_abnf_3_colons, sizeof(m_ipv6_bug_abnf_3_colons) - 1},
	{"5118", "4.10", "ipv6-correct-abnf-2-colons", m_ipv6_correct_abnf_2_colons, sizeof(m_ipv6_correct_abnf_2_colons) - 1},
};

/* The headers that make a message invalid, by message and header line;
 * every other header of every message must parse.  Messages whose fault
 * lies outside the header values (start line, body length, semantics)
 * have no row here and say so in torture_why[]. */
static const struct {
	const char *name;
	unsigned hdr;            /* index in the message's header lines  */
	enum hv_defect defect;
	size_t off;
	const char *why;
} torture_bad[] = {
	{"badinv01", 5, HV_PARAM_EMPTY, 23, "Via ';;,;,,'"},
	{"badinv01", 6, HV_PARAM_EMPTY, 28, "Contact ';;;;'"},
	{"ncl", 8, HV_NUMBER, 0, "Content-Length -999"},
	{"scalar02", 3, HV_RANGE, 0, "CSeq > 2**32-1"},
	{"scalar02", 5, HV_RANGE, 0, "Max-Forwards 300 > 255"},
	{"scalar02", 6, HV_RANGE, 0, "Expires > 2**32-1"},
	{"scalar02", 7, HV_PARAM_VALUE, 43, "Contact expires > 2**32-1"},
	{"scalarlg", 3, HV_RANGE, 0, "CSeq > 2**32-1"},
	{"scalarlg", 5, HV_RANGE, 0, "Retry-After > 2**32-1"},
	{"scalarlg", 6, HV_NUMBER, 3, "warn-code of four digits"},
	{"quotbal", 0, HV_QUOTE_OPEN, 0, "To: quote not closed"},
	{"baddate", 6, HV_DATE, 26, "Date in EST"},
	{"regbadct", 6, HV_ANGLE_REQUIRED, 20,
	 "Contact URI with '?' not in <>"},
	{"badaspec", 3, HV_ANGLE_LWS, 18, "To: '< sip:... >'"},
	{"baddn", 2, HV_DISPLAY_NAME, 4, "From: unquoted ','"},
	{"baddn", 3, HV_DISPLAY_NAME, 6, "To: unquoted ','"},
	{"ipv6-bug-abnf-3-colons", 0, HV_IPV6, 20, "To: ':::'"},
};

#endif
