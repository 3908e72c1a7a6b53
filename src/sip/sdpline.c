/**
 * @file sdpline.c  The lines of a session description
 */
#include <config.h>
#include <re.h>
#include "sip/sdpline.h"

bool sdp_next_line(struct pl *rest, struct pl *line)
{
	const char *e;

	if (!rest || !line || !rest->l)
		return false;
	e = pl_strchr(rest, '\n');
	line->p = rest->p;
	line->l = e ? (size_t)(e - rest->p) : rest->l;
	pl_advance(rest, (ssize_t)(line->l + (e ? 1 : 0)));
	/* trailing white space carries nothing in <type>=<value> */
	while (line->l && (line->p[line->l - 1] == '\r' ||
			   line->p[line->l - 1] == ' ' ||
			   line->p[line->l - 1] == '\t'))
		line->l--;
	return true;
}
