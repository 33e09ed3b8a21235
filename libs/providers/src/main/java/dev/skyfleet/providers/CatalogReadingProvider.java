package dev.skyfleet.providers;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.Region;
import java.util.List;

/**
 * A provider whose catalog comes from one read ({@link #readCatalog()}): the list methods are views of it, so a
 * REST provider makes one round of API calls however its catalog is asked for.
 */
public abstract class CatalogReadingProvider implements CloudProvider {

    @Override
    public abstract CatalogSnapshot readCatalog();

    @Override
    public List<Region> listRegions() {
        return readCatalog().regions();
    }

    @Override
    public List<InstanceTypeSpec> listInstanceTypes() {
        return readCatalog().instanceTypes();
    }

    @Override
    public List<Offer> listOffers() {
        return readCatalog().offers();
    }
}
