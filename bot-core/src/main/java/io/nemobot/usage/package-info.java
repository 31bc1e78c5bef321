/**
 * Usage for the operator: what each chat turn cost in credits (from the account's balance before and
 * after it, shared fairly among turns that overlap on the one account), recorded in the store, and the
 * {@code /nemo usage} report of credits and turns per user and per channel for workspace admins.
 */
package io.nemobot.usage;
