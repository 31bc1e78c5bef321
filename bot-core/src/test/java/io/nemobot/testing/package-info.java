/** Test support shared by every module's tests: a recording chat platform, a core wired to a simulator, waiting on conditions. */
package io.nemobot.testing;
