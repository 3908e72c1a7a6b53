/**
 * @file samples.h  The responses the benchmarks time
 *
 * Complete SIP responses as PBXs, proxies, SBCs and phones send them,
 * shared by bench_statusline.c and bench_hvalue.c so that both time the
 * same bytes.  Data only: each program builds its buffers from it.
 */
#ifndef SIPCONFORM_BENCH_SAMPLES_H
#define SIPCONFORM_BENCH_SAMPLES_H

#include <stdint.h>

/*
 * Written with LF line ends for legibility; build_corpus() turns every LF
 * into CRLF, appends "Content-Length: N" and the empty line, then the body
 * (also CRLF, as SDP wants).  A head holds the status line and the other
 * headers.
 */
struct sample {
	uint16_t scode;
	const char *from;   /* the kind of element that sends it */
	const char *head;
	const char *body;   /* NULL: no body */
};

#define SDP_ASTERISK \
	"v=0\n" \
	"o=- 1730981224 1730981225 IN IP4 203.0.113.10\n" \
	"s=Asterisk\n" \
	"c=IN IP4 203.0.113.10\n" \
	"t=0 0\n" \
	"m=audio 14562 RTP/AVP 0 8 101\n" \
	"a=rtpmap:0 PCMU/8000\n" \
	"a=rtpmap:8 PCMA/8000\n" \
	"a=rtpmap:101 telephone-event/8000\n" \
	"a=fmtp:101 0-16\n" \
	"a=ptime:20\n" \
	"a=maxptime:150\n" \
	"a=sendrecv\n"

#define SDP_FREESWITCH \
	"v=0\n" \
	"o=FreeSWITCH 1730955466 1730955467 IN IP4 198.51.100.20\n" \
	"s=FreeSWITCH\n" \
	"c=IN IP4 198.51.100.20\n" \
	"t=0 0\n" \
	"m=audio 24590 RTP/AVP 8 101\n" \
	"a=rtpmap:8 PCMA/8000\n" \
	"a=rtpmap:101 telephone-event/8000\n" \
	"a=fmtp:101 0-16\n" \
	"a=ptime:20\n" \
	"a=sendrecv\n" \
	"a=rtcp:24591 IN IP4 198.51.100.20\n"

#define SDP_CUBE \
	"v=0\n" \
	"o=CiscoSystemsSIP-GW-UserAgent 4417 2291 IN IP4 192.0.2.33\n" \
	"s=SIP Call\n" \
	"c=IN IP4 192.0.2.33\n" \
	"t=0 0\n" \
	"m=audio 8036 RTP/AVP 18 101\n" \
	"c=IN IP4 192.0.2.33\n" \
	"a=rtpmap:18 G729/8000\n" \
	"a=fmtp:18 annexb=no\n" \
	"a=rtpmap:101 telephone-event/8000\n" \
	"a=fmtp:101 0-15\n" \
	"a=ptime:20\n"

#define SDP_POLYCOM \
	"v=0\n" \
	"o=- 1730990001 1730990001 IN IP4 10.20.30.41\n" \
	"s=Polycom IP Phone\n" \
	"c=IN IP4 10.20.30.41\n" \
	"t=0 0\n" \
	"a=sendrecv\n" \
	"m=audio 2222 RTP/AVP 9 0 101\n" \
	"a=rtpmap:9 G722/8000\n" \
	"a=rtpmap:0 PCMU/8000\n" \
	"a=rtpmap:101 telephone-event/8000\n"

#define SDP_SBC_OPUS \
	"v=0\n" \
	"o=oracle 4192 4193 IN IP4 203.0.113.200\n" \
	"s=-\n" \
	"c=IN IP4 203.0.113.200\n" \
	"t=0 0\n" \
	"m=audio 40012 RTP/AVP 111 0 101\n" \
	"a=rtpmap:111 opus/48000/2\n" \
	"a=fmtp:111 useinbandfec=1;maxplaybackrate=16000\n" \
	"a=rtpmap:0 PCMU/8000\n" \
	"a=rtpmap:101 telephone-event/8000\n" \
	"a=fmtp:101 0-15\n" \
	"a=ptime:20\n" \
	"a=sendrecv\n"

static const struct sample samples[] = {
{100, "Asterisk PJSIP",
"SIP/2.0 100 Trying\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.4jvYxrQpe\n"
"Call-ID: 7d1c54a21e9f4d1d8b8d5a3c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=9fxced76sl\n"
"To: <sip:1002@pbx.example.com>\n"
"CSeq: 2 INVITE\n"
"Server: Asterisk PBX 20.5.0\n",
NULL},

{100, "Kamailio proxy",
"SIP/2.0 100 trying -- your call is important to us\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK3c2a.8f1e5b2c1;rport=5060;received=198.51.100.7\n"
"Via: SIP/2.0/UDP 10.1.1.23:5062;branch=z9hG4bK-524287-1---7cd2f5e0c9a;rport=5062\n"
"From: <sip:+4930123456@example.org>;tag=a73kszlfl\n"
"To: <sip:+4989987654@example.org>\n"
"Call-ID: 3848276298220188511@10.1.1.23\n"
"CSeq: 1 INVITE\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{180, "Asterisk PJSIP",
"SIP/2.0 180 Ringing\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.4jvYxrQpe\n"
"Call-ID: 7d1c54a21e9f4d1d8b8d5a3c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=9fxced76sl\n"
"To: <sip:1002@pbx.example.com>;tag=2b1f0e3d-7c6a-4a5e-9b7d-2f0c1e6a8d44\n"
"CSeq: 2 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Contact: <sip:203.0.113.10:5060>\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n",
NULL},

{180, "Yealink phone via proxy",
"SIP/2.0 180 Ringing\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK3c2a.8f1e5b2c1;rport=5060\n"
"Via: SIP/2.0/UDP 10.1.1.23:5062;branch=z9hG4bK-524287-1---7cd2f5e0c9a;rport=5062\n"
"Record-Route: <sip:198.51.100.7;lr;ftag=a73kszlfl;did=5e1.b3c2>\n"
"From: <sip:+4930123456@example.org>;tag=a73kszlfl\n"
"To: <sip:+4989987654@example.org>;tag=1483907327\n"
"Call-ID: 3848276298220188511@10.1.1.23\n"
"CSeq: 1 INVITE\n"
"Contact: <sip:4989987654@10.44.0.17:5060>\n"
"User-Agent: Yealink SIP-T46U 108.86.0.45\n"
"Allow-Events: talk,hold,conference,refer,check-sync\n",
NULL},

{181, "Asterisk chan_sip",
"SIP/2.0 181 Call Is Being Forwarded\n"
"Via: SIP/2.0/UDP 192.0.2.61:5060;branch=z9hG4bK5c8e7b0d;received=192.0.2.61;rport=5060\n"
"From: \"Reception\" <sip:200@192.0.2.10>;tag=as6b9d8e4f\n"
"To: <sip:3001@192.0.2.10>;tag=as1c4d5e6f\n"
"Call-ID: 0c1d34b55e8b4f0b6e2a7d1f3c9a8b70@192.0.2.61:5060\n"
"CSeq: 102 INVITE\n"
"Server: Asterisk PBX 16.28.0\n"
"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE\n"
"Supported: replaces, timer\n"
"Contact: <sip:3001@192.0.2.10:5060>\n",
NULL},

{182, "call-centre ACD",
"SIP/2.0 182 Queued\n"
"Via: SIP/2.0/TCP 198.51.100.44:5060;branch=z9hG4bK-d8754z-1e0c3f7a;received=198.51.100.44\n"
"From: <sip:+14155550100@carrier.example.net>;tag=3d2b7f10\n"
"To: <sip:+18005550199@acd.example.com>;tag=q-81273\n"
"Call-ID: 81f2c3d4-0a1b-4c5d-8e9f-a0b1c2d3e4f5\n"
"CSeq: 31 INVITE\n"
"Contact: <sip:queue-sales@acd.example.com;transport=tcp>\n"
"Server: ACD/4.2.1\n",
NULL},

{183, "FreeSWITCH, reliable 183 with early media",
"SIP/2.0 183 Session Progress\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bKQ6y3m7BpF4r2e;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=b47dc3e1\n"
"To: <sip:+33142123456@fs.example.org>;tag=N6v0rF3m4HpQe\n"
"Call-ID: 5f2a7c8e-3b14-4d9c-a2e6-9d0f1b3c5e7a\n"
"CSeq: 17433 INVITE\n"
"Contact: <sip:mod_sofia@198.51.100.20:5080>\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY, PUBLISH, SUBSCRIBE, PRACK\n"
"Supported: timer, path, replaces, 100rel\n"
"Require: 100rel\n"
"RSeq: 1\n"
"Content-Type: application/sdp\n",
SDP_FREESWITCH},

{183, "Cisco CUBE",
"SIP/2.0 183 Session Progress\n"
"Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK1A2B3C4D\n"
"From: <sip:6505550111@203.0.113.5>;tag=8C1F2A-1B9\n"
"To: <sip:4085550123@192.0.2.33>;tag=2F4B2A0-2411\n"
"Date: Thu, 07 Nov 2024 14:22:05 GMT\n"
"Call-ID: A1B2C3D4-9C8B11EF-8001F00D-BEEF1234@203.0.113.5\n"
"CSeq: 101 INVITE\n"
"Allow: INVITE, OPTIONS, BYE, CANCEL, ACK, PRACK, UPDATE, REFER, SUBSCRIBE, NOTIFY, INFO, REGISTER\n"
"Contact: <sip:4085550123@192.0.2.33:5060>\n"
"Server: Cisco-SIPGateway/IOS-17.9.4a\n"
"Content-Type: application/sdp\n"
"Content-Disposition: session;handling=required\n",
SDP_CUBE},

{200, "Asterisk PJSIP, answer to INVITE",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.4jvYxrQpe\n"
"Call-ID: 7d1c54a21e9f4d1d8b8d5a3c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=9fxced76sl\n"
"To: <sip:1002@pbx.example.com>;tag=2b1f0e3d-7c6a-4a5e-9b7d-2f0c1e6a8d44\n"
"CSeq: 2 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n"
"Contact: <sip:203.0.113.10:5060>\n"
"Supported: 100rel, timer, replaces, norefersub\n"
"Session-Expires: 1800;refresher=uac\n"
"Require: timer\n"
"Content-Type: application/sdp\n",
SDP_ASTERISK},

{200, "Polycom phone via proxy, answer to INVITE",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK7e1f.0a9b8c7d6;rport=5060\n"
"Via: SIP/2.0/TLS 10.1.1.31:50711;branch=z9hG4bK-524287-1---0e4a7c6b;rport=50711\n"
"Record-Route: <sip:198.51.100.7;transport=tls;r2=on;lr;ftag=77bc1e0a>\n"
"Record-Route: <sip:198.51.100.7;r2=on;lr;ftag=77bc1e0a>\n"
"From: \"Bob Smith\" <sip:bob@example.org>;tag=77bc1e0a\n"
"To: <sip:carol@example.org>;tag=5A1E7B90-C2D3E4F5\n"
"CSeq: 1 INVITE\n"
"Call-ID: 1f0e2d3c4b5a69788796a5b4c3d2e1f0\n"
"Contact: <sip:carol@10.20.30.41:5060>\n"
"User-Agent: PolycomVVX-VVX_450-UA/6.4.6.2461\n"
"Accept-Language: en\n"
"Content-Type: application/sdp\n",
SDP_POLYCOM},

{200, "Oracle SBC, answer to INVITE",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 192.0.2.140:5060;branch=z9hG4bK40c9e4ddf3a8b0f21\n"
"From: <sip:+61290001234@carrier.example.au;user=phone>;tag=6f1f2cf0\n"
"To: <sip:+61370005678@sbc.example.com.au;user=phone>;tag=SDfk8c401-1a2b3c4d\n"
"Call-ID: 60a1c7e0-1e3b-4b8a-9c1d-f0e2d3c4b5a6\n"
"CSeq: 4711 INVITE\n"
"Contact: <sip:+61370005678@203.0.113.200:5060;transport=udp>\n"
"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO\n"
"P-Asserted-Identity: <sip:+61370005678@sbc.example.com.au;user=phone>\n"
"Session-Expires: 900;refresher=uas\n"
"Require: timer\n"
"Content-Type: application/sdp\n",
SDP_SBC_OPUS},

{200, "Kamailio registrar, answer to REGISTER",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 10.44.0.17:5060;branch=z9hG4bK1795237613;rport=5060;received=203.0.113.77\n"
"From: \"4989987654\" <sip:4989987654@example.org>;tag=1961386221\n"
"To: \"4989987654\" <sip:4989987654@example.org>;tag=b27e1a1d33761e85846fc98f5f3a7e58.4d2c0000\n"
"Call-ID: 0_2786534951@10.44.0.17\n"
"CSeq: 3 REGISTER\n"
"Contact: <sip:4989987654@10.44.0.17:5060>;expires=300;received=\"sip:203.0.113.77:5060\"\n"
"Path: <sip:198.51.100.7;lr;received=sip:203.0.113.77:5060>\n"
"Date: Thu, 07 Nov 2024 14:21:33 GMT\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{200, "Asterisk PJSIP, answer to OPTIONS",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;rport=5060;received=198.51.100.7;branch=z9hG4bK6a2e.ae0e1c5f0000000000000000\n"
"Call-ID: 2f35f6b2-1c3c4d91@198.51.100.7\n"
"From: <sip:ping@proxy.example.org>;tag=d3a1b6e5c9e0f5d1\n"
"To: <sip:203.0.113.10:5060>;tag=z9hG4bK6a2e.ae0e1c5f0000000000000000\n"
"CSeq: 10 OPTIONS\n"
"Accept: application/sdp, application/dialog-info+xml, application/simple-message-summary, application/xpidf+xml, application/cpim-pidf+xml, application/pidf+xml\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n"
"Supported: 100rel, timer, replaces, norefersub\n"
"Accept-Encoding: text/plain\n"
"Accept-Language: en\n"
"Server: Asterisk PBX 20.5.0\n",
NULL},

{200, "FreeSWITCH, answer to BYE",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bKc5b1a7e0d3f2;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=b47dc3e1\n"
"To: <sip:+33142123456@fs.example.org>;tag=N6v0rF3m4HpQe\n"
"Call-ID: 5f2a7c8e-3b14-4d9c-a2e6-9d0f1b3c5e7a\n"
"CSeq: 17435 BYE\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY, PUBLISH, SUBSCRIBE, PRACK\n"
"Supported: timer, path, replaces, 100rel\n",
NULL},

{200, "Grandstream phone, answer to CANCEL",
"SIP/2.0 200 OK\n"
"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1e7c0b2a;rport=5060\n"
"From: \"Reception\" <sip:200@192.0.2.10>;tag=as6b9d8e4f\n"
"To: <sip:204@192.0.2.10>\n"
"Call-ID: 0c1d34b55e8b4f0b6e2a7d1f3c9a8b70@192.0.2.61:5060\n"
"CSeq: 102 CANCEL\n"
"User-Agent: Grandstream GXP2170 1.0.11.74\n"
"Supported: replaces, timer, path\n",
NULL},

{202, "Asterisk PJSIP, answer to REFER",
"SIP/2.0 202 Accepted\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.Uw3rfF9k2\n"
"Call-ID: 7d1c54a21e9f4d1d8b8d5a3c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=9fxced76sl\n"
"To: <sip:1002@pbx.example.com>;tag=2b1f0e3d-7c6a-4a5e-9b7d-2f0c1e6a8d44\n"
"CSeq: 5 REFER\n"
"Server: Asterisk PBX 20.5.0\n"
"Contact: <sip:203.0.113.10:5060>\n"
"Refer-Sub: true\n",
NULL},

{302, "Kamailio redirect server",
"SIP/2.0 302 Moved Temporarily\n"
"Via: SIP/2.0/UDP 192.0.2.140:5060;branch=z9hG4bK7710ab3e1c99;rport=5060;received=192.0.2.140\n"
"From: <sip:+4930123456@example.org>;tag=fe2a0c31\n"
"To: <sip:+4989987654@example.org>;tag=b27e1a1d33761e85846fc98f5f3a7e58.1f3a\n"
"Call-ID: 9b6e8f2a-0c4d-4e1b-b7a3-5d2f1e0c9b8a\n"
"CSeq: 1 INVITE\n"
"Contact: <sip:+4989987654@gw1.example.org;transport=udp>;q=1.0, <sip:+4989987654@gw2.example.org;transport=udp>;q=0.5\n"
"Diversion: <sip:+4989987654@example.org>;reason=unconditional;counter=1\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{301, "SIP trunk provider",
"SIP/2.0 301 Moved Permanently\n"
"Via: SIP/2.0/UDP 198.51.100.44:5060;branch=z9hG4bK-d8754z-29ac1e;received=198.51.100.44;rport=5060\n"
"From: <sip:+14155550100@carrier.example.net>;tag=7c0e1a2b\n"
"To: <sip:+14155550123@voice.example.com>;tag=rd-0e1c5a\n"
"Call-ID: 2d3c4b5a-6978-4a1b-9c0d-e1f2a3b4c5d6\n"
"CSeq: 1 INVITE\n"
"Contact: <sip:+14155550123@voice2.example.com>\n"
"Server: ExampleVoice-Redirect/2.3\n",
NULL},

{401, "Asterisk PJSIP, REGISTER challenge",
"SIP/2.0 401 Unauthorized\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.pb8nZc1aE\n"
"Call-ID: XgWxD0bqk3f9Jm5QqLzT2w..\n"
"From: <sip:1001@pbx.example.com>;tag=R0tYpq7Ae\n"
"To: <sip:1001@pbx.example.com>;tag=z9hG4bK.pb8nZc1aE\n"
"CSeq: 20 REGISTER\n"
"WWW-Authenticate: Digest realm=\"asterisk\",nonce=\"1730981200/5a0f4e9c2b2d7e8f1a3c6b9d0e4f7a21\",opaque=\"3e1c2b7a0d9f8e6c\",algorithm=md5,qop=\"auth\"\n"
"Server: Asterisk PBX 20.5.0\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n",
NULL},

{401, "Kamailio registrar, SHA-256 and MD5 challenge",
"SIP/2.0 401 Unauthorized\n"
"Via: SIP/2.0/TLS 10.1.1.31:50711;branch=z9hG4bK-524287-1---48d0e2f7;rport=50711;received=203.0.113.91\n"
"From: <sip:bob@example.org>;tag=41a0c2b8\n"
"To: <sip:bob@example.org>;tag=b27e1a1d33761e85846fc98f5f3a7e58.8e7a\n"
"Call-ID: 4f1b6a0c3e2d\n"
"CSeq: 1 REGISTER\n"
"WWW-Authenticate: Digest realm=\"example.org\", nonce=\"Zyy0EGcstuTSpDLMYaFeukr3ZGXKpoJ5\", qop=\"auth\", algorithm=SHA-256\n"
"WWW-Authenticate: Digest realm=\"example.org\", nonce=\"Zyy0EGcstuTSpDLMYaFeukr3ZGXKpoJ5\", qop=\"auth\", algorithm=MD5\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{407, "OpenSIPS proxy, INVITE challenge",
"SIP/2.0 407 Proxy Authentication Required\n"
"Via: SIP/2.0/UDP 192.0.2.77:5060;received=192.0.2.77;branch=z9hG4bK1b2f6d0e;rport=5060\n"
"From: \"Dave\" <sip:dave@voip.example.net>;tag=6e0c4b1a\n"
"To: <sip:+12125550147@voip.example.net>;tag=37dd8a4d3c2b9e6e0d1a3f5b7c9e0a12.a1b2\n"
"Call-ID: 4b8c1d2e3f405162@192.0.2.77\n"
"CSeq: 1 INVITE\n"
"Proxy-Authenticate: Digest realm=\"voip.example.net\", nonce=\"672ccab6000000d2a9b9c8e2f51d9a2e3c7b0f41d6e85b27\", qop=\"auth\"\n"
"Server: OpenSIPS (3.4.5 (x86_64/linux))\n",
NULL},

{403, "Asterisk chan_sip",
"SIP/2.0 403 Forbidden\n"
"Via: SIP/2.0/UDP 192.0.2.61:5060;branch=z9hG4bK2f0d1c3b;received=192.0.2.61;rport=5060\n"
"From: <sip:9000@192.0.2.10>;tag=as0b1c2d3e\n"
"To: <sip:011442071234567@192.0.2.10>;tag=as4f5e6d7c\n"
"Call-ID: 7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d@192.0.2.61:5060\n"
"CSeq: 103 INVITE\n"
"Server: Asterisk PBX 16.28.0\n"
"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE\n"
"Supported: replaces, timer\n"
"Warning: 399 192.0.2.10 \"International calls not permitted\"\n",
NULL},

{404, "Asterisk PJSIP",
"SIP/2.0 404 Not Found\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.ei0Yc8s3H\n"
"Call-ID: 2a9e5c3f8b1d4e7a@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=Z3s8uV2pL\n"
"To: <sip:1099@pbx.example.com>;tag=c4f83b22-e1a4-4dde-9f1c-3e7b0d55a9f1\n"
"CSeq: 21 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n",
NULL},

{404, "FreeSWITCH, with Reason",
"SIP/2.0 404 Not Found\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bKd0e1f2a3b4c5;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=0c9b8a7d\n"
"To: <sip:+33100000000@fs.example.org>;tag=F2y8Kp1QvN6aS\n"
"Call-ID: 8e7d6c5b-4a39-4281-b0f1-e2d3c4b5a697\n"
"CSeq: 28910 INVITE\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY, PUBLISH, SUBSCRIBE, PRACK\n"
"Supported: timer, path, replaces\n"
"Reason: Q.850;cause=1;text=\"UNALLOCATED_NUMBER\"\n",
NULL},

{408, "Kamailio, no answer from branch",
"SIP/2.0 408 Request Timeout\n"
"Via: SIP/2.0/UDP 198.51.100.30:5060;branch=z9hG4bK0f3e2d1c0b;rport=5060;received=198.51.100.30\n"
"From: <sip:alice@example.org>;tag=5d4c3b2a\n"
"To: <sip:erin@example.org>;tag=b27e1a1d33761e85846fc98f5f3a7e58.77e1\n"
"Call-ID: c0ffee00-1234-4abc-8def-0123456789ab\n"
"CSeq: 2 INVITE\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{415, "Polycom phone",
"SIP/2.0 415 Unsupported Media Type\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1a0b.2c3d4e5f6;rport=5060\n"
"From: <sip:bob@example.org>;tag=1d2e3f40\n"
"To: <sip:carol@example.org>;tag=6B2F8C01-A3E4D5C6\n"
"CSeq: 4 MESSAGE\n"
"Call-ID: 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n"
"Accept: text/plain, message/cpim\n"
"Accept-Encoding: identity\n"
"User-Agent: PolycomVVX-VVX_450-UA/6.4.6.2461\n",
NULL},

{420, "legacy PBX, unsupported option tag",
"SIP/2.0 420 Bad Extension\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;branch=z9hG4bK7d6e5f4a3b;rport=5060;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=44aa11bb\n"
"To: <sip:4711@pbx.example.de>;tag=1c2d-3e4f\n"
"Call-ID: 77c1a0e2-5b3d-4f60-8a91-2b3c4d5e6f70\n"
"CSeq: 1 INVITE\n"
"Unsupported: 100rel\n"
"Server: LegacyPBX/9.1\n",
NULL},

{422, "FreeSWITCH, session timer too short",
"SIP/2.0 422 Session Interval Too Small\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bK9a8b7c6d5e4f;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=aa55cc33\n"
"To: <sip:+33142123456@fs.example.org>;tag=Hm3q8ZpR1tK0c\n"
"Call-ID: 0a1b2c3d-4e5f-4607-8899-aabbccddeeff\n"
"CSeq: 1 INVITE\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Min-SE: 1800\n"
"Supported: timer, path, replaces\n",
NULL},

{480, "Asterisk PJSIP, endpoint not registered",
"SIP/2.0 480 Temporarily Unavailable\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.n2Uq5bC7x\n"
"Call-ID: 5e3a8b1c7d2f4a9e@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=Q4w8pZ1nM\n"
"To: <sip:1005@pbx.example.com>;tag=6a0b9e23-7f55-4c1d-a1e3-b2c4d6e8f0a2\n"
"CSeq: 22 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Reason: Q.850;cause=20\n",
NULL},

{481, "Yealink phone",
"SIP/2.0 481 Call/Transaction Does Not Exist\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK5e6f.7a8b9c0d1;rport=5060\n"
"From: <sip:+4930123456@example.org>;tag=a73kszlfl\n"
"To: <sip:+4989987654@example.org>;tag=1483907327\n"
"Call-ID: 3848276298220188511@10.1.1.23\n"
"CSeq: 2 BYE\n"
"User-Agent: Yealink SIP-T46U 108.86.0.45\n",
NULL},

{486, "Yealink phone via proxy",
"SIP/2.0 486 Busy Here\n"
"Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK3c2a.8f1e5b2c1;rport=5060\n"
"Via: SIP/2.0/UDP 10.1.1.23:5062;branch=z9hG4bK-524287-1---7cd2f5e0c9a;rport=5062\n"
"Record-Route: <sip:198.51.100.7;lr;ftag=a73kszlfl;did=5e1.b3c2>\n"
"From: <sip:+4930123456@example.org>;tag=a73kszlfl\n"
"To: <sip:+4989987654@example.org>;tag=1483907327\n"
"Call-ID: 3848276298220188511@10.1.1.23\n"
"CSeq: 1 INVITE\n"
"User-Agent: Yealink SIP-T46U 108.86.0.45\n"
"Reason: Q.850;cause=17;text=\"User busy\"\n",
NULL},

{487, "Asterisk PJSIP, INVITE cancelled",
"SIP/2.0 487 Request Terminated\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.4jvYxrQpe\n"
"Call-ID: 7d1c54a21e9f4d1d8b8d5a3c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=9fxced76sl\n"
"To: <sip:1002@pbx.example.com>;tag=2b1f0e3d-7c6a-4a5e-9b7d-2f0c1e6a8d44\n"
"CSeq: 2 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n"
"Reason: SIP;cause=487;text=\"ORIGINATOR_CANCEL\"\n",
NULL},

{488, "Cisco CUBE, no common codec",
"SIP/2.0 488 Not Acceptable Here\n"
"Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK5E6F7A8B\n"
"From: <sip:6505550111@203.0.113.5>;tag=9D2E3B-2C0\n"
"To: <sip:4085550188@192.0.2.33>;tag=3A5C3B1-1F7\n"
"Date: Thu, 07 Nov 2024 14:25:41 GMT\n"
"Call-ID: B2C3D4E5-9C8B11EF-8002F00D-BEEF5678@203.0.113.5\n"
"CSeq: 101 INVITE\n"
"Allow-Events: telephone-event\n"
"Warning: 399 192.0.2.33 \"Incompatible Bearer Capability\"\n"
"Server: Cisco-SIPGateway/IOS-17.9.4a\n"
"Reason: Q.850;cause=65\n",
NULL},

{491, "FreeSWITCH, re-INVITE glare",
"SIP/2.0 491 Request Pending\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bKe4f3a2b1c0d9;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=b47dc3e1\n"
"To: <sip:+33142123456@fs.example.org>;tag=N6v0rF3m4HpQe\n"
"Call-ID: 5f2a7c8e-3b14-4d9c-a2e6-9d0f1b3c5e7a\n"
"CSeq: 17434 INVITE\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY, PUBLISH, SUBSCRIBE, PRACK\n",
NULL},

{500, "Asterisk chan_sip, overloaded",
"SIP/2.0 500 Server Internal Error\n"
"Via: SIP/2.0/UDP 192.0.2.61:5060;branch=z9hG4bK4b3a2918;received=192.0.2.61;rport=5060\n"
"From: <sip:9000@192.0.2.10>;tag=as9e8d7c6b\n"
"To: <sip:3001@192.0.2.10>;tag=as5a4b3c2d\n"
"Call-ID: 1b2c3d4e5f60718293a4b5c6d7e8f901@192.0.2.61:5060\n"
"CSeq: 104 INVITE\n"
"Server: Asterisk PBX 16.28.0\n"
"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE\n"
"Retry-After: 5\n",
NULL},

{503, "Oracle SBC, overload",
"SIP/2.0 503 Service Unavailable\n"
"Via: SIP/2.0/UDP 192.0.2.140:5060;branch=z9hG4bK99e0f1a2b3c4d5e6\n"
"From: <sip:+61290001234@carrier.example.au;user=phone>;tag=0e9f8a7b\n"
"To: <sip:+61370009999@sbc.example.com.au;user=phone>;tag=SDfk8c401-2b3c4d5e\n"
"Call-ID: 71b2d8f1-2f4c-4c9b-8d2e-01f3e4d5c6b7\n"
"CSeq: 4712 INVITE\n"
"Retry-After: 30\n"
"Reason: Q.850;cause=34\n"
"Server: Oracle ESBC\n",
NULL},

{504, "Kamailio, upstream DNS failure",
"SIP/2.0 504 Server Time-out\n"
"Via: SIP/2.0/UDP 198.51.100.30:5060;branch=z9hG4bK1c2b3a4f5e;rport=5060;received=198.51.100.30\n"
"From: <sip:alice@example.org>;tag=9e8f7a6b\n"
"To: <sip:frank@partner.example>;tag=b27e1a1d33761e85846fc98f5f3a7e58.0c42\n"
"Call-ID: d00dfeed-5678-4cde-9f01-23456789abcd\n"
"CSeq: 1 INVITE\n"
"Warning: 399 198.51.100.7 \"DNS resolution failed\"\n"
"Server: kamailio (5.7.3 (x86_64/linux))\n",
NULL},

{600, "FreeSWITCH, user busy everywhere",
"SIP/2.0 600 Busy Everywhere\n"
"Via: SIP/2.0/UDP 192.0.2.88:5060;rport=5060;branch=z9hG4bK6f7e8d9c0b1a;received=192.0.2.88\n"
"From: <sip:+442071234567@sbc.example.net>;tag=1a2b3c4d\n"
"To: <sip:+33142123456@fs.example.org>;tag=p0Q9r8S7t6U5v\n"
"Call-ID: e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9\n"
"CSeq: 30001 INVITE\n"
"User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit\n"
"Reason: Q.850;cause=17;text=\"USER_BUSY\"\n",
NULL},

{603, "Asterisk PJSIP, call rejected",
"SIP/2.0 603 Decline\n"
"Via: SIP/2.0/UDP 192.0.2.50:5060;rport=5060;received=192.0.2.50;branch=z9hG4bK.w7Xk2Lm9p\n"
"Call-ID: 6c2e9a4b1f7d3e8c@192.0.2.50\n"
"From: \"Alice\" <sip:1001@pbx.example.com>;tag=J8d2kS5vQ\n"
"To: <sip:1003@pbx.example.com>;tag=0f3e1d2c-9b8a-4766-8554-33221100ffee\n"
"CSeq: 23 INVITE\n"
"Server: Asterisk PBX 20.5.0\n"
"Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, REFER\n"
"Reason: Q.850;cause=21\n",
NULL},

{603, "French-localised PBX (UTF-8 Reason-Phrase)",
"SIP/2.0 603 Refus\xc3\xa9\n"
"Via: SIP/2.0/UDP 192.0.2.140:5060;branch=z9hG4bK3e4f5a6b7c8d;rport=5060;received=192.0.2.140\n"
"From: <sip:+33142000001@operateur.example.fr>;tag=7f6e5d4c\n"
"To: <sip:+33142123499@pbx.example.fr>;tag=fr-8a7b6c\n"
"Call-ID: 3f2e1d0c-b9a8-4796-8584-736251403f2e\n"
"CSeq: 1 INVITE\n"
"Server: PBX-Entreprise/5.0\n"
"Reason: Q.850;cause=21;text=\"Appel refus\xc3\xa9\"\n",
NULL},

{607, "carrier, unwanted call (RFC 8197)",
"SIP/2.0 607 Unwanted\n"
"Via: SIP/2.0/UDP 198.51.100.44:5060;branch=z9hG4bK-d8754z-5f6e7d;received=198.51.100.44;rport=5060\n"
"From: <sip:+12025550123@spam.example>;tag=3a2b1c0d\n"
"To: <sip:+14155550123@voice.example.com>;tag=uw-918273\n"
"Call-ID: 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d\n"
"CSeq: 1 INVITE\n"
"Call-Info: <sip:+14155550123@voice.example.com>;purpose=jwscard\n"
"Server: ExampleVoice-CallScreen/1.4\n",
NULL},
};

#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

#endif
