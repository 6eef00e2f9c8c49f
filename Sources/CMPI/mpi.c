#define _GNU_SOURCE
#include "CMPI.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// Open MPI's ABI (libmpi.so.40, Open MPI 3 to 5): handles are pointers to its predefined objects, MPI_IN_PLACE is
// (void *)1, MPI_THREAD_FUNNELED is 1, MPI_SUCCESS is 0.
typedef void *handle;
#define IN_PLACE ((void *)1)
enum { THREAD_FUNNELED = 1, SUCCESS = 0, PIECE = 1 << 30 };

typedef int (*init_thread_fn)(int *, char ***, int, int *);
typedef int (*initialized_fn)(int *);
typedef int (*comm_int_fn)(handle, int *);
typedef int (*allreduce_fn)(const void *, void *, int, handle, handle, handle);
typedef int (*barrier_fn)(handle);
typedef int (*finalize_fn)(void);
typedef int (*abort_fn)(handle, int);
typedef int (*error_string_fn)(int, char *, int *);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char error[512];
static init_thread_fn p_init_thread;
static initialized_fn p_initialized;
static comm_int_fn p_comm_rank, p_comm_size;
static allreduce_fn p_allreduce;
static barrier_fn p_barrier;
static finalize_fn p_finalize;
static abort_fn p_abort;
static error_string_fn p_error_string;
static handle comm_world, type_float, type_double, op_sum;

static void load(void) {
    // RTLD_GLOBAL: Open MPI's own plugins resolve libmpi's symbols from the global scope.
    void *h = dlopen("libmpi.so.40", RTLD_NOW | RTLD_GLOBAL);
    if (!h) h = dlopen("libmpi.so", RTLD_NOW | RTLD_GLOBAL);
    if (!h) {
        snprintf(error, sizeof error, "Open MPI's library (libmpi.so.40) was not found; install Open MPI "
                                      "(Debian: openmpi-bin) to run on several processes");
        return;
    }
    p_init_thread = (init_thread_fn)dlsym(h, "MPI_Init_thread");
    p_initialized = (initialized_fn)dlsym(h, "MPI_Initialized");
    p_comm_rank = (comm_int_fn)dlsym(h, "MPI_Comm_rank");
    p_comm_size = (comm_int_fn)dlsym(h, "MPI_Comm_size");
    p_allreduce = (allreduce_fn)dlsym(h, "MPI_Allreduce");
    p_barrier = (barrier_fn)dlsym(h, "MPI_Barrier");
    p_finalize = (finalize_fn)dlsym(h, "MPI_Finalize");
    p_abort = (abort_fn)dlsym(h, "MPI_Abort");
    p_error_string = (error_string_fn)dlsym(h, "MPI_Error_string");
    comm_world = dlsym(h, "ompi_mpi_comm_world");
    type_float = dlsym(h, "ompi_mpi_float");
    type_double = dlsym(h, "ompi_mpi_double");
    op_sum = dlsym(h, "ompi_mpi_op_sum");
    if (!p_init_thread || !p_initialized || !p_comm_rank || !p_comm_size || !p_allreduce || !p_barrier ||
        !p_finalize || !p_abort || !p_error_string || !comm_world || !type_float || !type_double || !op_sum) {
        snprintf(error, sizeof error, "the MPI library found is not Open MPI (its predefined objects are missing); "
                                      "SwiftGAN runs on Open MPI");
        p_init_thread = NULL;
    }
}

static int fail(int code, const char *what) {
    char text[256] = "";
    int length = 0;
    if (p_error_string) p_error_string(code, text, &length);
    snprintf(error, sizeof error, "%s failed: %s (MPI error %d)", what, text, code);
    return code;
}

int swiftgan_mpi_launched(void) {
    const char *names[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", NULL};
    for (int i = 0; names[i]; i++) {
        const char *v = getenv(names[i]);
        if (v && v[0]) return 1;
    }
    return 0;
}

int swiftgan_mpi_local_size(void) {
    const char *v = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    int n = v ? atoi(v) : 0;
    return n > 0 ? n : 1;
}

const char *swiftgan_mpi_error(void) { return error; }

int swiftgan_mpi_init(int *rank, int *size) {
    pthread_once(&once, load);
    if (!p_init_thread) return -1;
    int done = 0, provided = 0, code;
    p_initialized(&done);
    if (!done && (code = p_init_thread(NULL, NULL, THREAD_FUNNELED, &provided)) != SUCCESS)
        return fail(code, "MPI_Init_thread");
    if ((code = p_comm_rank(comm_world, rank)) != SUCCESS) return fail(code, "MPI_Comm_rank");
    if ((code = p_comm_size(comm_world, size)) != SUCCESS) return fail(code, "MPI_Comm_size");
    return SUCCESS;
}

static int allreduce(void *buffer, size_t count, size_t width, handle type) {
    if (!p_allreduce) return -1;
    char *p = buffer;
    while (count > 0) {
        int n = count > PIECE ? PIECE : (int)count;
        int code = p_allreduce(IN_PLACE, p, n, type, op_sum, comm_world);
        if (code != SUCCESS) return fail(code, "MPI_Allreduce");
        p += (size_t)n * width;
        count -= (size_t)n;
    }
    return SUCCESS;
}

int swiftgan_mpi_allreduce_sum_float(float *buffer, size_t count) {
    return allreduce(buffer, count, sizeof(float), type_float);
}

int swiftgan_mpi_allreduce_sum_double(double *buffer, size_t count) {
    return allreduce(buffer, count, sizeof(double), type_double);
}

int swiftgan_mpi_barrier(void) {
    if (!p_barrier) return -1;
    int code = p_barrier(comm_world);
    return code == SUCCESS ? SUCCESS : fail(code, "MPI_Barrier");
}

int swiftgan_mpi_finalize(void) {
    if (!p_finalize) return -1;
    int code = p_finalize();
    return code == SUCCESS ? SUCCESS : fail(code, "MPI_Finalize");
}

void swiftgan_mpi_abort(int code) {
    if (p_abort) p_abort(comm_world, code);
    _exit(code);
}
