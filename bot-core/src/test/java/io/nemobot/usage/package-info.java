/** Tests of what chat turns cost and the operator's usage report. */
package io.nemobot.usage;
