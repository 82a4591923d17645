package io.tanpopo.bench.load;

/** One of the load driver's numbered measures (README.md, "The measures"); it adds its rows to the results. */
@FunctionalInterface
interface Measure {
    void run() throws Exception;
}
