// OpenSSL 3 for certificate generation and parsing (the hub's CA, server and client certificates).
// Swift cannot call C variadics or function-like macros: the wrappers below expose them as plain functions.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// A new ECDSA P-256 private key (EVP_EC_gen is a macro over a variadic function).
static inline EVP_PKEY *cssl_ec_p256_generate(void) { return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"); }

/// The bytes held by a memory BIO (BIO_get_mem_data is a macro).
static inline long cssl_bio_mem_data(BIO *b, char **data) { return BIO_get_mem_data(b, data); }

/// An X509V3 context without a configuration database (X509V3_set_ctx_nodb is a macro).
static inline void cssl_x509v3_ctx_init(X509V3_CTX *ctx, X509 *issuer, X509 *subject) {
    X509V3_set_ctx(ctx, issuer, subject, NULL, NULL, 0);
    X509V3_set_ctx_nodb(ctx);
}

/// The subjectAltName entries of a certificate (typed stack accessors are macros).
static inline GENERAL_NAMES *cssl_x509_sans(X509 *x) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
}
static inline int cssl_general_names_count(GENERAL_NAMES *g) { return sk_GENERAL_NAME_num(g); }
static inline GENERAL_NAME *cssl_general_names_at(GENERAL_NAMES *g, int i) { return sk_GENERAL_NAME_value(g, i); }
static inline void cssl_general_names_free(GENERAL_NAMES *g) { GENERAL_NAMES_free(g); }
/// 1 for a DNS name (copied into out as text), 2 for an IP address (raw bytes), 0 otherwise; *len gets the length.
static inline int cssl_general_name_get(GENERAL_NAME *n, const unsigned char **out, int *len) {
    if (n->type == GEN_DNS) { *out = ASN1_STRING_get0_data(n->d.dNSName); *len = ASN1_STRING_length(n->d.dNSName); return 1; }
    if (n->type == GEN_IPADD) { *out = ASN1_STRING_get0_data(n->d.iPAddress); *len = ASN1_STRING_length(n->d.iPAddress); return 2; }
    return 0;
}

/// Frees memory OpenSSL allocated (OPENSSL_free is a macro).
static inline void cssl_free(void *p) { OPENSSL_free(p); }
