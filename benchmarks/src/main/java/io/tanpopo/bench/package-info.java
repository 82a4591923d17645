/** Benchmarks of tanpopo: a load driver against Dovecot and GreenMail, and JMH benchmarks. */
package io.tanpopo.bench;
