package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testsupport.Await;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {

    @Test
    void tasksOneAtATime_makeNoMoreThreadsThanTheLimit() throws Exception {
        ThreadPoolExecutor pool = ServerThreads.of(4, AuthThreads.defaults()).workers();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 20; i++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(() -> {
                    threads.add(Thread.currentThread());
                    done.countDown();
                });
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(threads).hasSizeBetween(1, 4).allMatch(Thread::isDaemon);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void tasksAtOnce_getThreads_upToTheLimit_andTheRestWait() throws Exception {
        ThreadPoolExecutor pool = ServerThreads.of(3, AuthThreads.defaults()).workers();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ran.incrementAndGet();
                });
            }
            Await.until(Duration.ofSeconds(10), "three busy threads", () -> pool.getActiveCount() == 3);
            assertThat(pool.getPoolSize()).isEqualTo(3);
            assertThat(pool.getQueue()).hasSize(7);
            release.countDown();
            Await.until(Duration.ofSeconds(10), "every task to run", () -> ran.get() == 10);
        } finally {
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stoppedThreads_refuseTasks() {
        ServerThreads threads = ServerThreads.of(2, AuthThreads.defaults());
        threads.stop();
        assertThatThrownBy(() -> threads.workers().execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> threads.timer().schedule(() -> {}, 1, TimeUnit.SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
