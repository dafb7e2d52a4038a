// Linux calls Swift's Glibc module leaves out (it is built without _GNU_SOURCE), declared here
// with their glibc prototypes and wrapped with fixed arguments; elsewhere they report failure.
// Only NotesRunner/Process (pipes, the supervisor), NotesSite/StagedOutput.swift,
// NotesPreview/WatcherThread.swift (the pipe that wakes a watcher's thread) and
// NotesPreview/PreviewSession.swift (memory a build freed, given back) use them.
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>

#ifdef __linux__
extern int pipe2(int pipefd[2], int flags);
extern int prctl(int option, ...);
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
extern int malloc_trim(size_t pad);
#endif

/// malloc_trim(0): returns memory glibc's allocator holds free to the system (`notes serve`, after
/// each build); elsewhere nothing.
static inline void notes_return_free_memory(void) {
#ifdef __linux__
    malloc_trim(0);
#endif
}

/// pipe2(O_CLOEXEC): both ends close-on-exec from the start, with no window for a spawn to inherit them.
static inline int notes_pipe_cloexec(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

/// prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are re-parented to this process, not init.
static inline int notes_become_subreaper(void) {
#ifdef __linux__
    return prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1UL, 0UL, 0UL, 0UL);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// prctl(PR_SET_PDEATHSIG): `signal` arrives when the thread that started this process ends.
static inline int notes_signal_on_parent_death(int signal) {
#ifdef __linux__
    return prctl(1 /* PR_SET_PDEATHSIG */, (unsigned long)signal, 0UL, 0UL, 0UL);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// renameat2(RENAME_EXCHANGE): swaps two paths atomically (0), or fails (-1, errno) where unsupported.
static inline int notes_rename_exchange(const char *first, const char *second) {
#ifdef __linux__
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, 1U << 1 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}
