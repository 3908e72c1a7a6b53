/**
 * @file hdefect.h  What is wrong with a header field value
 *
 * One class per kind of fault the strict header-value parser (hvalue.h)
 * can find, with a stable short name and a one-line description, the way
 * statusline.h names the faults of a status line.  The class says what
 * is wrong; the byte offset that comes with it says where.
 */
#ifndef SIPCONFORM_SIP_HDEFECT_H
#define SIPCONFORM_SIP_HDEFECT_H

enum hv_defect {
	HV_OK = 0,
	HV_EMPTY,          /**< empty value where the header needs one      */
	HV_CHAR,           /**< byte not allowed at this position            */
	HV_CTL,            /**< control byte (NUL, DEL, ...) not escaped     */
	HV_LWS,            /**< white space where the grammar allows none    */
	HV_FOLD,           /**< line break not followed by WSP; bare CR, LF  */
	HV_UTF8,           /**< ill-formed UTF-8                             */
	HV_SEP,            /**< required separator missing (LWS, '/', '=')   */
	HV_LIST,           /**< second value in a header that takes one      */
	HV_LIST_EMPTY,     /**< empty element in a comma-separated list      */
	HV_TOKEN,          /**< token (method, option-tag, word...) expected */
	HV_NUMBER,         /**< digits expected, or the wrong number of them */
	HV_RANGE,          /**< number outside the range of its field        */
	HV_QUOTED,         /**< quoted-string required                       */
	HV_QUOTE_OPEN,     /**< quoted-string not terminated                 */
	HV_QUOTED_PAIR,    /**< '\' before CR, LF or a non-ASCII byte        */
	HV_COMMENT,        /**< comment not terminated                       */
	HV_ESCAPE,         /**< '%' not followed by two hex digits           */
	HV_PARAM_EMPTY,    /**< empty parameter (";;", trailing ';')         */
	HV_PARAM_VALUE,    /**< parameter value does not match its rule      */
	HV_PARAM_MISSING,  /**< a parameter the value needs is missing       */
	HV_URI,            /**< no URI scheme, or a byte not allowed in URI  */
	HV_URI_USERINFO,   /**< byte not allowed in user or password         */
	HV_URI_PARAM,      /**< malformed uri-parameter                      */
	HV_URI_HEADER,     /**< malformed URI headers (?h=v&...)             */
	HV_HOST,           /**< malformed or missing host name or IPv4       */
	HV_IPV6,           /**< malformed IPv6 reference                     */
	HV_IPV6_BARE,      /**< IPv6 address without its brackets            */
	HV_PORT,           /**< port not 1-65535 in digits                   */
	HV_DISPLAY_NAME,   /**< display-name neither tokens nor quoted       */
	HV_ANGLE_OPEN,     /**< '<' without its '>'                          */
	HV_ANGLE_LWS,      /**< white space inside <...>                     */
	HV_ANGLE_REQUIRED, /**< URI must be enclosed in <...> here           */
	HV_VIA_PROTOCOL,   /**< sent-protocol not name/version/transport     */
	HV_MEDIA_TYPE,     /**< not type/subtype                             */
	HV_DATE,           /**< not an rfc1123-date in GMT                   */
	/* the value parses; these are kept in struct hvalue's dup */
	HV_PARAM_DUP,      /**< header parameter with a rule of its own
				(tag, branch, ...) given twice               */
	HV_URI_PARAM_DUP,  /**< uri-parameter name given twice               */
};

#define HV_DEFECT_COUNT (HV_URI_PARAM_DUP + 1)

const char *hvalue_defect_name(enum hv_defect d);
const char *hvalue_defect_str(enum hv_defect d);

#endif
