package io.nemobot.nemo;

/** The account's balance: available, reserved by work in progress, and total. */
public record Credits(long available, long frozen, long total) {
}
