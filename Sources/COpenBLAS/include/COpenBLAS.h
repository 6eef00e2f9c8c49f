// The one place SwiftGAN touches OpenBLAS. The library is loaded lazily with dlopen so that the kernel set
// (OPENBLAS_CORETYPE) can be chosen from the CPU's features before OpenBLAS reads it; a value the user set wins.
#ifndef SWIFTGAN_COPENBLAS_H
#define SWIFTGAN_COPENBLAS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Loads OpenBLAS (once, thread-safe). Returns 0 on success, or -1 with a message in `swiftgan_blas_error()`.
int swiftgan_blas_load(void);
/// Why loading failed, or NULL.
const char *swiftgan_blas_error(void);
/// The kernel set OpenBLAS uses ("Cooperlake", "Haswell", …).
const char *swiftgan_blas_corename(void);
/// The OPENBLAS_CORETYPE value SwiftGAN chose, or NULL when the user set one (or the CPU needs none).
const char *swiftgan_blas_chosen_coretype(void);
void swiftgan_blas_set_threads(int threads);
/// 1 when the CPU has AVX512-BF16 (bf16 dot products with fp32 accumulation), else 0.
int swiftgan_cpu_has_avx512_bf16(void);
int swiftgan_blas_threads(void);

/// Row-major single-precision GEMM: C = alpha * op(A) * op(B) + beta * C. op(A) is M x K, op(B) is K x N. Without
/// OpenBLAS (see swiftgan_blas_load) it runs a slow reference loop and says so once on stderr; it never aborts.
void swiftgan_sgemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
                    const float *B, int ldb, float beta, float *C, int ldc);

/// Symmetric eigen-decomposition (LAPACK ssyevd, column-major, jobz 'V', uplo 'U'). `a` is n x n and is overwritten
/// with the eigenvectors (columns); `w` receives the eigenvalues in ascending order. Returns LAPACK's info.
int swiftgan_ssyevd(int n, float *a, float *w);
/// Double-precision `swiftgan_ssyevd` (LAPACK dsyevd).
int swiftgan_dsyevd(int n, double *a, double *w);
/// Row-major double-precision GEMM (cblas_dgemm), arguments as `swiftgan_sgemm`.
void swiftgan_dgemm(int transA, int transB, int M, int N, int K, double alpha, const double *A, int lda,
                    const double *B, int ldb, double beta, double *C, int ldc);

#ifdef __cplusplus
}
#endif
#endif
