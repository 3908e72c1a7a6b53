/**
 * @file scode.c  What a SIP status code means
 *
 * The IANA "Response Codes" registry of the SIP Parameters, with the
 * classes of RFC 3261 section 21 and the fallback of section 8.1.3.2.
 */
#include <config.h>
#include <re.h>
#include "sip/statusline.h"

static const char *const meanings[700] = {
	[100] = "Trying",
	[180] = "Ringing",
	[181] = "Call Is Being Forwarded",
	[182] = "Queued",
	[183] = "Session Progress",
	[199] = "Early Dialog Terminated",
	[200] = "OK",
	[202] = "Accepted",
	[204] = "No Notification",
	[300] = "Multiple Choices",
	[301] = "Moved Permanently",
	[302] = "Moved Temporarily",
	[305] = "Use Proxy",
	[380] = "Alternative Service",
	[400] = "Bad Request",
	[401] = "Unauthorized",
	[402] = "Payment Required",
	[403] = "Forbidden",
	[404] = "Not Found",
	[405] = "Method Not Allowed",
	[406] = "Not Acceptable",
	[407] = "Proxy Authentication Required",
	[408] = "Request Timeout",
	[410] = "Gone",
	[412] = "Conditional Request Failed",
	[413] = "Request Entity Too Large",
	[414] = "Request-URI Too Long",
	[415] = "Unsupported Media Type",
	[416] = "Unsupported URI Scheme",
	[417] = "Unknown Resource-Priority",
	[420] = "Bad Extension",
	[421] = "Extension Required",
	[422] = "Session Interval Too Small",
	[423] = "Interval Too Brief",
	[424] = "Bad Location Information",
	[425] = "Bad Alert Message",
	[428] = "Use Identity Header",
	[429] = "Provide Referrer Identity",
	[430] = "Flow Failed",
	[433] = "Anonymity Disallowed",
	[436] = "Bad Identity Info",
	[437] = "Unsupported Credential",
	[438] = "Invalid Identity Header",
	[439] = "First Hop Lacks Outbound Support",
	[440] = "Max-Breadth Exceeded",
	[469] = "Bad Info Package",
	[470] = "Consent Needed",
	[480] = "Temporarily Unavailable",
	[481] = "Call/Transaction Does Not Exist",
	[482] = "Loop Detected",
	[483] = "Too Many Hops",
	[484] = "Address Incomplete",
	[485] = "Ambiguous",
	[486] = "Busy Here",
	[487] = "Request Terminated",
	[488] = "Not Acceptable Here",
	[489] = "Bad Event",
	[491] = "Request Pending",
	[493] = "Undecipherable",
	[494] = "Security Agreement Required",
	[500] = "Server Internal Error",
	[501] = "Not Implemented",
	[502] = "Bad Gateway",
	[503] = "Service Unavailable",
	[504] = "Server Time-out",
	[505] = "Version Not Supported",
	[513] = "Message Too Large",
	[555] = "Push Notification Service Not Supported",
	[580] = "Precondition Failure",
	[600] = "Busy Everywhere",
	[603] = "Decline",
	[604] = "Does Not Exist Anywhere",
	[606] = "Not Acceptable",
	[607] = "Unwanted",
	[608] = "Rejected",
};

static const char *const class_names[7] = {
	NULL, "Provisional", "Success", "Redirection", "Client Error",
	"Server Error", "Global Failure",
};

/** Registered meaning of a code, NULL when the code is not registered */
const char *statusline_meaning(uint16_t scode)
{
	return scode < 700 ? meanings[scode] : NULL;
}

/*
 * A UAC treats an unknown final code as x00 of its class and an unknown
 * provisional as 183 (RFC 3261 section 8.1.3.2).
 */
int statusline_classify(struct sl_class *c, uint16_t scode)
{
	if (!c || scode < 100 || scode > 699)
		return EINVAL;

	c->scode      = scode;
	c->klass      = scode / 100;
	c->final      = c->klass >= 2;
	c->registered = meanings[scode] != NULL;
	c->klass_name = class_names[c->klass];

	if (c->registered)
		c->effective = scode;
	else if (c->klass == 1)
		c->effective = 183;
	else
		c->effective = (uint16_t)(c->klass * 100);

	c->meaning = meanings[c->effective];

	return 0;
}
