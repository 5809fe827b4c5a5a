import Foundation
import Synchronization
import Testing

@testable import H20QIngest

struct BoundedChannelTests {
    /// With capacity 0 a send returns only once the receiver has taken the element: the sender
    /// never has one waiting in the channel while it makes the next.
    @Test func aHandOverReturnsOnceTheElementIsTaken() {
        let channel = BoundedChannel<Int>(capacity: 0)
        // For each send: whether the channel was empty when it returned, and how long it took.
        let sends = Mutex<[(empty: Bool, seconds: Double)]>([])
        let done = DispatchSemaphore(value: 0)
        Thread {
            for value in 1...3 {
                let start = Date()
                #expect(channel.send(value))
                let seconds = Date().timeIntervalSince(start)
                sends.withLock { $0.append((channel.isEmpty, seconds)) }
            }
            channel.close()
            done.signal()
        }.start()
        var received: [Int] = []
        while true {
            // A slow receiver: a sender that did not wait for it would return at once.
            Thread.sleep(forTimeInterval: 0.05)
            guard let value = channel.receive() else { break }
            received.append(value)
        }
        done.wait()
        #expect(received == [1, 2, 3])
        let observed = sends.withLock { $0 }
        #expect(observed.count == 3)
        for send in observed {
            #expect(send.empty)
            #expect(send.seconds >= 0.04)
        }
    }

    /// A sender waiting for its element to be taken learns that the receiver gave up.
    @Test func aHandOverWaitingWhenTheReceiverCancelsFails() {
        let channel = BoundedChannel<Int>(capacity: 0)
        let result = Mutex<Bool?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let sent = channel.send(7)
            result.withLock { $0 = sent }
            done.signal()
        }.start()
        while channel.isEmpty { Thread.sleep(forTimeInterval: 0.001) }
        #expect(result.withLock { $0 } == nil)
        channel.cancel()
        done.wait()
        #expect(result.withLock { $0 } == false)
        #expect(channel.receive() == nil)
    }

    /// With room for two, a sender runs two ahead of a receiver that takes nothing yet.
    @Test func aBufferedChannelTakesUpToItsCapacityWithoutWaiting() {
        let channel = BoundedChannel<Int>(capacity: 2)
        #expect(channel.send(1))
        #expect(channel.send(2))
        #expect(!channel.isEmpty)
        #expect(channel.receive() == 1)
        #expect(channel.receive() == 2)
        #expect(channel.isEmpty)
    }
}
