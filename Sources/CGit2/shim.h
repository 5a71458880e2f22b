#include <git2.h>
static inline int cgit2_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}
static inline int cgit2_set_owner_validation(int on) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, on);
}
