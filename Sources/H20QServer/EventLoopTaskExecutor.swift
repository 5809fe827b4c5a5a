import NIOCore

/// A task executor that runs jobs on one NIO event loop, so that a task preferring it (a
/// connection's) stays on its channel's thread: reading a request, answering it and writing
/// the answer wake no other thread.
///
///     await withTaskExecutorPreference(EventLoopTaskExecutor(channel.eventLoop)) { ... }
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
