/* Landlock's attributes: landlock_create_ruleset's struct
 * landlock_ruleset_attr and landlock_add_rule's path_beneath rule, as
 * strace prints them. */
#include <linux/landlock.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/render.h"

/* the size argument says how much of it the kernel reads: the access
 * rights must be there, more is "..." */
bool render_landlock_ruleset(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	uint64_t size = render_arg(x, 1), access;

	if (size < sizeof(access) || len < sizeof(access))
		return false;
	memcpy(&access, p, sizeof(access));
	xb_str(b, "{handled_access_fs=");
	xlat_flags(b, &xlat_landlock_ruleset_access_fs, access, "LANDLOCK_ACCESS_FS_???");
	if (size > sizeof(access))
		xb_str(b, ", ...");
	xb_char(b, '}');
	return true;
}

/* the rule of LANDLOCK_RULE_PATH_BENEATH; another type's is an address */
bool render_landlock_rule(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct landlock_path_beneath_attr a;

	if ((uint32_t)render_arg(x, 1) != LANDLOCK_RULE_PATH_BENEATH || len < sizeof(a))
		return false;
	memcpy(&a, p, sizeof(a));
	xb_str(b, "{allowed_access=");
	xlat_flags(b, &xlat_landlock_ruleset_access_fs, a.allowed_access,
		   "LANDLOCK_ACCESS_FS_???");
	xb_str(b, ", parent_fd=");
	xb_i64(b, a.parent_fd);
	xb_char(b, '}');
	return true;
}
