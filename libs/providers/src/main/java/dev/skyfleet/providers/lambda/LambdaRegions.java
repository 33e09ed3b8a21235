package dev.skyfleet.providers.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The region universe default: Lambda API 1.8.3 {@code PublicRegionCode}. The instance-types response lists only
 * regions with capacity now, so without this list a sold-out region would vanish from the catalog.
 */
public final class LambdaRegions {
    private LambdaRegions() {
    }

    /** Region code → description, in spec order. */
    public static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("us-west-1", "California, USA");
        m.put("us-west-2", "Arizona, USA");
        m.put("us-west-3", "Utah, USA");
        m.put("us-south-1", "Texas, USA");
        m.put("us-south-2", "North Texas, USA");
        m.put("us-south-3", "Central Texas, USA");
        m.put("us-east-1", "Virginia, USA");
        m.put("us-east-2", "Washington DC, USA");
        m.put("us-east-3", "Washington DC, USA");
        m.put("us-midwest-1", "Illinois, USA");
        m.put("us-midwest-2", null);
        m.put("europe-central-1", "Germany");
        m.put("asia-south-1", "India");
        m.put("asia-northeast-1", "Osaka, Japan");
        m.put("asia-northeast-2", "Tokyo, Japan");
        m.put("australia-east-1", "Sydney, Australia");
        m.put("me-west-1", "Israel");
        KNOWN = java.util.Collections.unmodifiableMap(m);
    }
}
