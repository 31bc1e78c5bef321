/** Tests of bot processes sharing one PostgreSQL: several cores in one JVM, each with its own pool. */
package io.nemobot.fleet;
