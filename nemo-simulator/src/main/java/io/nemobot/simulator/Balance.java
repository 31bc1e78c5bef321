package io.nemobot.simulator;

/** The credit balance the credits endpoint reports. */
record Balance(int available, int frozen, int total) {

    static final Balance FREE = new Balance(100, 0, 100);

    Balance {
        if (available < 0 || frozen < 0 || total < 0) {
            throw new IllegalArgumentException(
                    "credits may not be negative, were available=" + available + " frozen=" + frozen + " total=" + total);
        }
    }
}
