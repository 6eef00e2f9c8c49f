#define _GNU_SOURCE
#include "COpenBLAS.h"
#include <cpuid.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                         double *, int);
typedef void (*dsyevd_fn)(const char *, const char *, const int *, double *, const int *, double *, double *,
                          const int *, int *, const int *, int *);
typedef char *(*corename_fn)(void);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);
typedef void (*ssyevd_fn)(const char *, const char *, const int *, float *, const int *, float *, float *,
                          const int *, int *, const int *, int *);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *load_error;
static const char *chosen;
static sgemm_fn p_sgemm;
static corename_fn p_corename;
static set_threads_fn p_set_threads;
static get_threads_fn p_get_threads;
static ssyevd_fn p_ssyevd;
static dgemm_fn p_dgemm;
static dsyevd_fn p_dsyevd;

int swiftgan_cpu_has_avx512_bf16(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 1, &a, &b, &c, &d)) return 0;
    return (a >> 5) & 1;
}

/// The fastest OpenBLAS kernel set this CPU can run, by its features (not its model number, which old OpenBLAS
/// releases do not know and then fall back to generic SSE3 kernels).
static const char *coretype_for_cpu(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return NULL;
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    int bf16 = swiftgan_cpu_has_avx512_bf16();
    unsigned xa, xb, xc, xd;
    __get_cpuid(1, &xa, &xb, &xc, &xd);
    int fma = (xc >> 12) & 1;
    if (avx512f && avx512bw && avx512vl && bf16) return "Cooperlake";
    if (avx512f && avx512bw && avx512vl) return "SkylakeX";
    if (avx2 && fma) return "Haswell";
    return NULL;
}

static void load(void) {
    const char *user = getenv("OPENBLAS_CORETYPE");
    if (user == NULL || user[0] == 0) {
        chosen = coretype_for_cpu();
        if (chosen) setenv("OPENBLAS_CORETYPE", chosen, 1);
    }
    // OpenBLAS's idle workers spin (calling sched_yield) for 2^28 cycles after each product by default, taking a
    // core from SwiftGAN's own parallel loops between GEMMs; on 2 cores, 2^10 cycles made WaveGAN training
    // iterations about 15 % faster (docs/conv-kernels.md). A value the user set is respected.
    const char *timeout = getenv("OPENBLAS_THREAD_TIMEOUT");
    if (timeout == NULL || timeout[0] == 0) setenv("OPENBLAS_THREAD_TIMEOUT", "10", 1);
    // SWIFTGAN_OPENBLAS names another build of the library (a path or a file name dlopen searches for).
    const char *library = getenv("SWIFTGAN_OPENBLAS");
    void *h = NULL;
    if (library != NULL && library[0] != 0) {
        h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            load_error = "OpenBLAS not found at SWIFTGAN_OPENBLAS; point it to libopenblas.so.0 or unset it";
            return;
        }
    } else {
        h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!h) h = dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL);
    }
    if (!h) {
        load_error = "OpenBLAS not found (libopenblas.so.0); install it with: apt-get install libopenblas-dev";
        return;
    }
    p_sgemm = (sgemm_fn)dlsym(h, "cblas_sgemm");
    p_corename = (corename_fn)dlsym(h, "openblas_get_corename");
    p_set_threads = (set_threads_fn)dlsym(h, "openblas_set_num_threads");
    p_get_threads = (get_threads_fn)dlsym(h, "openblas_get_num_threads");
    p_ssyevd = (ssyevd_fn)dlsym(h, "ssyevd_");
    p_dgemm = (dgemm_fn)dlsym(h, "cblas_dgemm");
    p_dsyevd = (dsyevd_fn)dlsym(h, "dsyevd_");
    if (!p_sgemm) load_error = "the OpenBLAS library found has no cblas_sgemm";
}

int swiftgan_blas_load(void) {
    pthread_once(&once, load);
    return load_error ? -1 : 0;
}

const char *swiftgan_blas_error(void) {
    swiftgan_blas_load();
    return load_error;
}

const char *swiftgan_blas_corename(void) {
    if (swiftgan_blas_load() != 0 || !p_corename) return "unknown";
    return p_corename();
}

const char *swiftgan_blas_chosen_coretype(void) {
    swiftgan_blas_load();
    return chosen;
}

void swiftgan_blas_set_threads(int threads) {
    if (swiftgan_blas_load() == 0 && p_set_threads) p_set_threads(threads);
}

int swiftgan_blas_threads(void) {
    if (swiftgan_blas_load() != 0 || !p_get_threads) return 1;
    return p_get_threads();
}

static pthread_once_t warned = PTHREAD_ONCE_INIT;

static void say_reference(void) {
    fprintf(stderr, "swiftgan: %s; matrix products fall back to a slow reference loop\n",
            load_error ? load_error : "OpenBLAS lacks a routine SwiftGAN needs");
}

/// Says once, in one line on stderr, that OpenBLAS is missing and products run on the reference loops below.
static void warn_reference(void) { pthread_once(&warned, say_reference); }

/// Row-major C = alpha * op(A) * op(B) + beta * C by the definition, accumulated in double: the path taken when
/// OpenBLAS could not be loaded (callers that check `swiftgan_blas_load` first never take it).
#define REFERENCE_GEMM(T)                                                                                         \
    for (int i = 0; i < M; i++)                                                                                   \
        for (int j = 0; j < N; j++) {                                                                             \
            double sum = 0;                                                                                       \
            for (int k = 0; k < K; k++) {                                                                         \
                T a = transA ? A[(size_t)k * lda + i] : A[(size_t)i * lda + k];                                   \
                T b = transB ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j];                                   \
                sum += (double)a * (double)b;                                                                     \
            }                                                                                                     \
            T *c = &C[(size_t)i * ldc + j];                                                                       \
            *c = (T)(alpha * sum + (beta == 0 ? 0.0 : (double)beta * (double)*c));                                \
        }

void swiftgan_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
                    const float *B, int ldb, float beta, float *C, int ldc) {
    if (swiftgan_blas_load() != 0) {
        warn_reference();
        REFERENCE_GEMM(float)
        return;
    }
    p_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, M, N, K, alpha, A, lda, B, ldb, beta, C,
            ldc);
}

int swiftgan_ssyevd(int n, float *a, float *w) {
    if (swiftgan_blas_load() != 0 || !p_ssyevd) return -1000;
    int info = 0, lwork = -1, liwork = -1, iwq = 0;
    float wq = 0;
    p_ssyevd("V", "U", &n, a, &n, w, &wq, &lwork, &iwq, &liwork, &info);
    if (info != 0) return info;
    lwork = (int)wq;
    liwork = iwq;
    float *work = malloc(sizeof(float) * (size_t)lwork);
    int *iwork = malloc(sizeof(int) * (size_t)liwork);
    if (!work || !iwork) {
        free(work);
        free(iwork);
        return -1001;
    }
    p_ssyevd("V", "U", &n, a, &n, w, work, &lwork, iwork, &liwork, &info);
    free(work);
    free(iwork);
    return info;
}

void swiftgan_dgemm(int transA, int transB, int M, int N, int K, double alpha, const double *A, int lda,
                    const double *B, int ldb, double beta, double *C, int ldc) {
    if (swiftgan_blas_load() != 0 || !p_dgemm) {
        warn_reference();
        REFERENCE_GEMM(double)
        return;
    }
    p_dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, M, N, K, alpha, A, lda, B, ldb, beta, C,
            ldc);
}

int swiftgan_dsyevd(int n, double *a, double *w) {
    if (swiftgan_blas_load() != 0 || !p_dsyevd) return -1000;
    int info = 0, lwork = -1, liwork = -1, iwq = 0;
    double wq = 0;
    p_dsyevd("V", "U", &n, a, &n, w, &wq, &lwork, &iwq, &liwork, &info);
    if (info != 0) return info;
    lwork = (int)wq;
    liwork = iwq;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    int *iwork = malloc(sizeof(int) * (size_t)liwork);
    if (!work || !iwork) {
        free(work);
        free(iwork);
        return -1001;
    }
    p_dsyevd("V", "U", &n, a, &n, w, work, &lwork, iwork, &liwork, &info);
    free(work);
    free(iwork);
    return info;
}
