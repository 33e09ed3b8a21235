package dev.skyfleet.providers.catalogfile;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.Region;
import java.util.List;

/**
 * What one SkyPilot-format {@code vms.csv} contained.
 *
 * @param provider provider id (the cloud directory name)
 * @param regions regions with at least one offer, sorted
 * @param instanceTypes one spec per instance type (first row wins)
 * @param offers on-demand offers, plus spot offers where a positive spot price is listed
 * @param rows data rows read
 * @param skippedRows rows that gave no offer (accelerator-only rows, empty or malformed rows)
 */
public record CatalogFileData(String provider, List<Region> regions, List<InstanceTypeSpec> instanceTypes,
        List<Offer> offers, int rows, int skippedRows) {
}
