package dev.skyfleet.poller.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The JSON writer of the catalog records: {@link Json}'s settings, with each instance type spec written once and
 * reused for every offer of that type (a type is offered in tens of regions and zones, and the spec is most of
 * an offer's bytes). Output is byte-for-byte what {@link Json#mapper()} writes.
 */
final class CatalogJson {
    private static final int MAX_CACHED_SPECS = 20_000;

    private CatalogJson() {
    }

    static ObjectMapper mapper() {
        ObjectWriter plain = Json.mapper().writerFor(InstanceTypeSpec.class);
        SimpleModule module = new SimpleModule("skyfleet-cached-specs");
        module.addSerializer(InstanceTypeSpec.class, new CachedSpecSerializer(plain));
        return Json.mapper().copy().registerModule(module);
    }

    /** Writes a spec from a cache keyed by instance identity (readers share one spec object per type). */
    private static final class CachedSpecSerializer extends StdSerializer<InstanceTypeSpec> {
        private final transient ObjectWriter plain;
        private final transient Map<InstanceTypeSpec, String> cache = Collections.synchronizedMap(
                new IdentityHashMap<>());

        CachedSpecSerializer(ObjectWriter plain) {
            super(InstanceTypeSpec.class);
            this.plain = plain;
        }

        @Override
        public void serialize(InstanceTypeSpec spec, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            String json = cache.get(spec);
            if (json == null) {
                json = plain.writeValueAsString(spec);
                if (cache.size() >= MAX_CACHED_SPECS) {
                    cache.clear();
                }
                cache.put(spec, json);
            }
            gen.writeRawValue(json);
        }
    }
}
