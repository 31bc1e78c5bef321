package io.nemobot.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code name} and {@code filename} of a part's {@code Content-Disposition} header. */
record ContentDisposition(String name, String filename) {

    private static final Pattern PARAM = Pattern.compile(
            ";\\s*([\\w*.-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)");

    static ContentDisposition parse(String header) {
        if (header == null) {
            return new ContentDisposition(null, null);
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = PARAM.matcher(header);
        while (matcher.find()) {
            String value = matcher.group(3) != null
                    ? matcher.group(3).replaceAll("\\\\(.)", "$1") : matcher.group(2).trim();
            params.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
        }
        String filename = params.get("filename");
        String extended = params.get("filename*");
        if (extended != null && extended.contains("''")) {
            filename = URLDecoder.decode(extended.substring(extended.indexOf("''") + 2), StandardCharsets.UTF_8);
        }
        return new ContentDisposition(params.get("name"), filename);
    }

    /** A boundary (or other parameter) of a Content-Type header, unquoted; null when absent. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        Matcher matcher = PARAM.matcher(contentType);
        while (matcher.find()) {
            if (matcher.group(1).equalsIgnoreCase(name)) {
                return matcher.group(3) != null ? matcher.group(3) : matcher.group(2).trim();
            }
        }
        return null;
    }
}
