/**
 * @file hdefect.c  Names and descriptions of the header-value defects
 */
#include "sip/hdefect.h"

static const struct {
	const char *name;
	const char *text;
} defects[HV_DEFECT_COUNT] = {
	[HV_OK]             = {"ok", "no defect"},
	[HV_EMPTY]          = {"empty", "empty value where one is required"},
	[HV_CHAR]           = {"char", "byte not allowed at this position"},
	[HV_CTL]            = {"ctl",
			       "control byte (NUL, DEL, ...) not escaped"},
	[HV_LWS]            = {"lws",
			       "white space where the grammar allows none"},
	[HV_FOLD]           = {"fold",
			       "line break not followed by white space, or "
			       "a bare CR or LF"},
	[HV_UTF8]           = {"utf8", "ill-formed UTF-8"},
	[HV_SEP]            = {"separator",
			       "required separator (white space, '/', ':', "
			       "'=') missing"},
	[HV_LIST]           = {"list",
			       "second value in a header field that takes "
			       "one"},
	[HV_LIST_EMPTY]     = {"list-empty",
			       "empty element in a comma-separated list"},
	[HV_TOKEN]          = {"token",
			       "token (method, option-tag, word, ...) "
			       "expected"},
	[HV_NUMBER]         = {"number",
			       "digits expected, or the wrong number of them"},
	[HV_RANGE]          = {"range", "number outside the range of its field"},
	[HV_QUOTED]         = {"quoted", "quoted-string required"},
	[HV_QUOTE_OPEN]     = {"quote-open", "quoted-string not terminated"},
	[HV_QUOTED_PAIR]    = {"quoted-pair",
			       "'\\' before CR, LF or a non-ASCII byte"},
	[HV_COMMENT]        = {"comment", "comment not terminated"},
	[HV_ESCAPE]         = {"escape", "'%' not followed by two hex digits"},
	[HV_PARAM_EMPTY]    = {"param-empty",
			       "empty parameter (\";;\" or a trailing ';')"},
	[HV_PARAM_VALUE]    = {"param-value",
			       "parameter value does not match its rule"},
	[HV_PARAM_MISSING]  = {"param-missing",
			       "a parameter the value needs is missing"},
	[HV_URI]            = {"uri",
			       "URI scheme missing or malformed, or a byte "
			       "not allowed in a URI"},
	[HV_URI_USERINFO]   = {"uri-userinfo",
			       "byte not allowed in the user or password"},
	[HV_URI_PARAM]      = {"uri-param", "malformed uri-parameter"},
	[HV_URI_HEADER]     = {"uri-header",
			       "malformed URI headers (?name=value&...)"},
	[HV_HOST]           = {"host",
			       "host name or IPv4 address malformed or "
			       "missing"},
	[HV_IPV6]           = {"ipv6", "malformed IPv6 reference"},
	[HV_IPV6_BARE]      = {"ipv6-bare", "IPv6 address without brackets"},
	[HV_PORT]           = {"port", "port is not 1-65535 in digits"},
	[HV_DISPLAY_NAME]   = {"display-name",
			       "display-name is neither tokens nor a "
			       "quoted-string"},
	[HV_ANGLE_OPEN]     = {"angle-open", "'<' without its '>'"},
	[HV_ANGLE_LWS]      = {"angle-lws", "white space inside <...>"},
	[HV_ANGLE_REQUIRED] = {"angle-required",
			       "the URI must be enclosed in <...> here"},
	[HV_VIA_PROTOCOL]   = {"via-protocol",
			       "sent-protocol is not name/version/transport"},
	[HV_MEDIA_TYPE]     = {"media-type", "not a type/subtype"},
	[HV_DATE]           = {"date", "not an rfc1123-date in GMT"},
	[HV_PARAM_DUP]      = {"param-dup",
			       "parameter given twice (which one counts?)"},
	[HV_URI_PARAM_DUP]  = {"uri-param-dup",
			       "uri-parameter name given twice"},
};

const char *hvalue_defect_name(enum hv_defect d)
{
	return (unsigned)d < HV_DEFECT_COUNT ? defects[d].name : "?";
}

const char *hvalue_defect_str(enum hv_defect d)
{
	return (unsigned)d < HV_DEFECT_COUNT ? defects[d].text : "?";
}
