package io.nemobot.simulator;

import java.util.OptionalLong;

/** The command line of {@link NemoSimulatorMain}. */
record MainOptions(int port, OptionalLong paceMillis, boolean acceptAnyToken, boolean tokenQuota) {

    static final String USAGE =
            "usage: NemoSimulatorMain [--port N] [--pace-ms N] [--accept-any-token] [--no-token-quota]";

    MainOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0-65535, was " + port);
        }
    }

    static MainOptions parse(String... args) {
        int port = NemoSimulatorMain.DEFAULT_PORT;
        OptionalLong pace = OptionalLong.empty();
        boolean anyToken = false;
        boolean quota = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String name = value == null ? arg : arg.substring(0, arg.indexOf('='));
            switch (name) {
                case "--port":
                    port = number(name, value != null ? value : next(args, ++i, name));
                    break;
                case "--pace-ms":
                    pace = OptionalLong.of(number(name, value != null ? value : next(args, ++i, name)));
                    break;
                case "--accept-any-token":
                    anyToken = true;
                    break;
                case "--no-token-quota":
                    quota = false;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return new MainOptions(port, pace, anyToken, quota);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int number(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new IllegalArgumentException(name + " may not be negative, was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, was " + value, e);
        }
    }
}
