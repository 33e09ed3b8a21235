package dev.skyfleet.generator.store;

import dev.skyfleet.generator.mapping.CatalogModel;
import dev.skyfleet.generator.mapping.OfferEntry;
import dev.skyfleet.generator.mapping.ProviderCatalog;
import dev.skyfleet.generator.mapping.TypeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Commit messages that say what changed, per provider:
 * {@code lambda: 2 offers added, 3 prices changed; gpu_8x_h100_sxm5 capacity in us-east-1}.
 */
public final class CommitMessages {
    private static final int SUBJECT_NOTES = 3;
    private static final int BODY_NOTES = 50;
    private static final int SUBJECT_MAX = 200;

    private CommitMessages() {
    }

    public static String describe(CatalogModel previous, CatalogModel current) {
        if (previous == null) {
            int offers = current.providers().values().stream().mapToInt(p -> p.offers().size()).sum();
            return "Initial snapshot: " + current.providers().size() + " providers, " + offers + " offers\n";
        }
        List<String> subjects = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        TreeSet<String> providers = new TreeSet<>(previous.providers().keySet());
        providers.addAll(current.providers().keySet());
        for (String provider : providers) {
            ProviderCatalog before = previous.providers().get(provider);
            ProviderCatalog after = current.providers().get(provider);
            if (after == null) {
                subjects.add(provider + ": provider removed");
                continue;
            }
            if (before == null) {
                subjects.add(provider + ": provider added with " + after.offers().size() + " offers");
                continue;
            }
            ProviderDiff diff = diff(before, after);
            if (diff.isEmpty()) {
                continue;
            }
            subjects.add(provider + ": " + diff.summary(SUBJECT_NOTES));
            body.append(provider).append(": ").append(diff.summary(BODY_NOTES)).append('\n');
        }
        if (subjects.isEmpty()) {
            return "Generated files changed (overlays or computed defaults)\n";
        }
        StringBuilder subject = new StringBuilder();
        int shown = 0;
        for (String s : subjects) {
            if (shown > 0 && subject.length() + s.length() + 2 > SUBJECT_MAX) {
                break;
            }
            subject.append(shown == 0 ? "" : " | ").append(s);
            shown++;
        }
        if (shown < subjects.size()) {
            subject.append(" (+").append(subjects.size() - shown).append(" more providers)");
        }
        return body.isEmpty() || subjects.size() == 1 && subject.toString().equals(firstLine(body.toString()))
                ? subject + "\n" : subject + "\n\n" + body;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private record ProviderDiff(int added, int removed, int prices, int typesAdded, int typesRemoved,
            Map<String, TreeSet<String>> gained, Map<String, TreeSet<String>> lost) {

        boolean isEmpty() {
            return added == 0 && removed == 0 && prices == 0 && typesAdded == 0 && typesRemoved == 0
                    && gained.isEmpty() && lost.isEmpty();
        }

        String summary(int maxNotes) {
            List<String> counts = new ArrayList<>();
            count(counts, added, "offer added", "offers added");
            count(counts, removed, "offer removed", "offers removed");
            count(counts, prices, "price changed", "prices changed");
            count(counts, typesAdded, "instance type added", "instance types added");
            count(counts, typesRemoved, "instance type removed", "instance types removed");
            List<String> notes = new ArrayList<>();
            gained.forEach((type, regions) -> notes.add(type + " capacity in " + String.join(", ", regions)));
            lost.forEach((type, regions) -> notes.add(type + " no capacity in " + String.join(", ", regions)));
            StringBuilder sb = new StringBuilder(String.join(", ", counts));
            if (!notes.isEmpty()) {
                sb.append(counts.isEmpty() ? "" : "; ")
                        .append(String.join("; ", notes.subList(0, Math.min(maxNotes, notes.size()))));
                if (notes.size() > maxNotes) {
                    sb.append("; +").append(notes.size() - maxNotes).append(" more capacity changes");
                }
            }
            if (sb.isEmpty()) {
                sb.append("details changed");
            }
            return sb.toString();
        }

        private static void count(List<String> out, int n, String one, String many) {
            if (n > 0) {
                out.add(n + " " + (n == 1 ? one : many));
            }
        }
    }

    private static ProviderDiff diff(ProviderCatalog before, ProviderCatalog after) {
        Map<String, OfferEntry> old = new HashMap<>(before.offers().size() * 2);
        before.offers().forEach(o -> old.put(o.id(), o));
        int added = 0;
        int prices = 0;
        Map<String, TreeSet<String>> gained = new TreeMap<>();
        Map<String, TreeSet<String>> lost = new TreeMap<>();
        for (OfferEntry o : after.offers()) {
            OfferEntry was = old.remove(o.id());
            if (was == null) {
                added++;
                if (o.available()) {
                    gained.computeIfAbsent(o.instanceType(), t -> new TreeSet<>()).add(o.region());
                }
                continue;
            }
            if (!Objects.equals(was.price(), o.price())) {
                prices++;
            }
            if (was.available() != o.available()) {
                (o.available() ? gained : lost).computeIfAbsent(o.instanceType(), t -> new TreeSet<>()).add(o.region());
            }
        }
        int removed = old.size();
        Map<String, TypeEntry> oldTypes = new HashMap<>();
        before.types().forEach(t -> oldTypes.put(t.id(), t));
        int typesAdded = 0;
        for (TypeEntry t : after.types()) {
            if (oldTypes.remove(t.id()) == null) {
                typesAdded++;
            }
        }
        return new ProviderDiff(added, removed, prices, typesAdded, oldTypes.size(), gained, lost);
    }
}
