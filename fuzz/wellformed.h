/**
 * @file wellformed.h  Small strict checkers of the reports' syntax
 *
 * Written for the fuzz targets (no library: the OSS-Fuzz runner has
 * none), strict rather than forgiving: what they accept a standard parser
 * accepts.  Each returns 0 when the whole text is well formed, else the
 * offset of the first byte found wrong plus one.
 */
#ifndef SIPCONFORM_FUZZ_WELLFORMED_H
#define SIPCONFORM_FUZZ_WELLFORMED_H

#include <stddef.h>

/* RFC 8259: one value, whitespace around it, UTF-8 strings, no control
 * character unescaped, the number grammar, nesting below 256 */
size_t wf_json(const char *s, size_t len);

/* XML 1.0 as the JUnit writer produces it: an optional <?xml ...?>
 * declaration, then one element; tags balanced and named alike,
 * attributes name="value" without '<', text and values without '<' or a
 * bare '&' (only &lt; &gt; &amp; &quot; &apos; &#N; &#xN; of a legal
 * character), only legal characters (no C0 control but TAB, LF, CR),
 * valid UTF-8 */
size_t wf_xml(const char *s, size_t len);

#endif
