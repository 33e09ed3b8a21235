package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.mapping.OfferMapper;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.UsageClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises filter values from query parameters or a request body; every failure names the parameter.
 * Values are bounded: lists of at most {@value #MAX_LIST} entries, names of at most {@value #MAX_NAME} characters.
 */
public final class FilterParser {
    static final int MAX_LIST = 50;
    static final int MAX_NAME = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/@+\\-]+");
    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(1024);
    private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(100_000_000);

    private FilterParser() {
    }

    /** The raw values of a filter, as received. */
    public record Raw(List<String> providers, List<String> clouds, List<String> regions, String gpu,
            String gpuCount, String minGpuCount, String minGpuMemoryGb, String minVcpus, String minMemoryGb,
            String arch, String usage, String available, String maxPrice) {
    }

    public static OfferFilter parse(Raw raw) {
        return new OfferFilter(names("provider", raw.providers()), names("cloud", raw.clouds()),
                names("region", raw.regions()), gpu("gpu", raw.gpu()), count("gpuCount", raw.gpuCount()),
                count("minGpuCount", raw.minGpuCount()), amount("minGpuMemoryGb", raw.minGpuMemoryGb()),
                amount("minVcpus", raw.minVcpus()), amount("minMemoryGb", raw.minMemoryGb()),
                arch("arch", raw.arch()), usage("usage", raw.usage()), bool("available", raw.available()),
                amount("maxPrice", raw.maxPrice()));
    }

    /** Provider, cloud or region names; comma-separated values and repeated parameters both work. */
    public static List<String> names(String parameter, List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
                    throw new InvalidParameterException(parameter, parameter + " '" + abbreviate(name)
                            + "' is not a valid name (letters, digits and . _ / @ + - only, at most " + MAX_NAME
                            + " characters)");
                }
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        if (names.size() > MAX_LIST) {
            throw new InvalidParameterException(parameter, "at most " + MAX_LIST + " values of " + parameter);
        }
        return new ArrayList<>(names);
    }

    /** A GPU model in any spelling, normalised ({@code h100}, {@code NVIDIA H100}, {@code H100-80GB}: H100). */
    public static String gpu(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_NAME || !value.matches("[A-Za-z0-9 ._\\-/]+")) {
            throw new InvalidParameterException(parameter, parameter + " '" + abbreviate(value)
                    + "' is not a GPU name");
        }
        return OfferMapper.normaliseModel(value);
    }

    public static BigDecimal count(String parameter, String value) {
        BigDecimal count = decimal(parameter, value);
        if (count != null && count.compareTo(MAX_COUNT) > 0) {
            throw new InvalidParameterException(parameter, parameter + " must be at most " + MAX_COUNT);
        }
        return count;
    }

    public static BigDecimal amount(String parameter, String value) {
        BigDecimal amount = decimal(parameter, value);
        if (amount != null && amount.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidParameterException(parameter, parameter + " must be at most " + MAX_AMOUNT);
        }
        return amount;
    }

    private static BigDecimal decimal(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, parameter + " must be a number but was '"
                    + abbreviate(value) + "'");
        }
        if (number.signum() < 0) {
            throw new InvalidParameterException(parameter, parameter + " must not be negative");
        }
        return number;
    }

    public static BigDecimal decimalOrNull(String parameter, BigDecimal value, BigDecimal max) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new InvalidParameterException(parameter, parameter + " must not be negative");
        }
        if (value.compareTo(max) > 0) {
            throw new InvalidParameterException(parameter, parameter + " must be at most " + max);
        }
        return value;
    }

    public static String usage(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UsageClass usage = UsageClass.fromWire(value);
        if (usage == null) {
            throw new InvalidParameterException(parameter, parameter + " must be 'on-demand' or 'spot' but was '"
                    + abbreviate(value) + "'");
        }
        return usage.wire();
    }

    public static String arch(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Architecture arch = Architecture.fromWire(value);
        if (arch == Architecture.UNKNOWN) {
            throw new InvalidParameterException(parameter, parameter + " must be 'x86_64' or 'arm64' but was '"
                    + abbreviate(value) + "'");
        }
        return arch.wire();
    }

    public static Boolean bool(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterException(parameter, parameter + " must be 'true' or 'false'");
        };
    }

    /** A page size: default when absent, 1..max otherwise. */
    public static int limit(String parameter, String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new InvalidParameterException(parameter, parameter + " must be a whole number from 1 to " + maxLimit);
    }

    /** Kinds of change, each one of {@link OfferFilter#CHANGE_KINDS}. */
    public static List<String> kinds(String parameter, List<String> values) {
        List<String> kinds = names(parameter, values);
        for (String kind : kinds) {
            if (!OfferFilter.CHANGE_KINDS.contains(kind)) {
                throw new InvalidParameterException(parameter, parameter + " '" + kind
                        + "' is not one of added, removed, price, availability, updated");
            }
        }
        return kinds;
    }

    static String abbreviate(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
