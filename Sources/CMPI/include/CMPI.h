#ifndef SWIFTGAN_CMPI_H
#define SWIFTGAN_CMPI_H

#include <stddef.h>

/// Open MPI for SwiftGAN, loaded at run time: SwiftGAN builds without MPI installed and runs in one process when
/// it is absent. The predefined handles Open MPI's macros name (MPI_COMM_WORLD, MPI_FLOAT, MPI_DOUBLE,
/// MPI_SUM) are the addresses of its global objects, looked up once here; Swift sees only these functions.
/// Every function returns 0 on success or an MPI error code; `swiftgan_mpi_error` says what went wrong last.

/// Whether this process was started by mpirun / mpiexec (Open MPI or PMIx environment variables).
int swiftgan_mpi_launched(void);

/// How many processes of the job run on this machine (Open MPI's OMPI_COMM_WORLD_LOCAL_SIZE; 1 when unknown).
int swiftgan_mpi_local_size(void);

/// Loads libmpi, initialises MPI (thread level FUNNELED) and gives this process's rank and the world size.
int swiftgan_mpi_init(int *rank, int *size);

/// The last error, as a sentence (empty when none).
const char *swiftgan_mpi_error(void);

/// Sums `count` floats across all ranks, in place, in pieces of at most 2^30 elements.
int swiftgan_mpi_allreduce_sum_float(float *buffer, size_t count);

/// Sums `count` doubles across all ranks, in place.
int swiftgan_mpi_allreduce_sum_double(double *buffer, size_t count);

/// Waits for every rank.
int swiftgan_mpi_barrier(void);

/// Ends every process of the job with exit status `code` (MPI_Abort), after a failure on this one.
void swiftgan_mpi_abort(int code);

/// Ends MPI (once, at exit).
int swiftgan_mpi_finalize(void);

#endif
