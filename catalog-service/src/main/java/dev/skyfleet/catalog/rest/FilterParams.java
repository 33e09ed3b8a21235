package dev.skyfleet.catalog.rest;

import dev.skyfleet.catalog.service.FilterParser;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** Offer filter query parameters, shared by the search and the event stream. */
public class FilterParams {
    @RestQuery
    @Parameter(description = "Provider id; repeat or comma-separate for several")
    public List<String> provider;
    @RestQuery
    @Parameter(description = "Cloud (hardware owner, differs from provider for brokers); repeatable")
    public List<String> cloud;
    @RestQuery
    @Parameter(description = "Region code; repeatable")
    public List<String> region;
    @RestQuery
    @Parameter(description = "GPU model, any spelling: h100, H100-80GB, NVIDIA H100 all mean H100")
    public String gpu;
    @RestQuery
    @Parameter(description = "Exact GPU count")
    public String gpuCount;
    @RestQuery
    @Parameter(description = "At least this many GPUs")
    public String minGpuCount;
    @RestQuery
    @Parameter(description = "At least this much memory per GPU, decimal GB")
    public String minGpuMemoryGb;
    @RestQuery
    @Parameter(description = "At least this many vCPUs")
    public String minVcpus;
    @RestQuery
    @Parameter(description = "At least this much host memory, GiB")
    public String minMemoryGb;
    @RestQuery
    @Parameter(description = "x86_64 or arm64")
    public String arch;
    @RestQuery
    @Parameter(description = "on-demand or spot")
    public String usage;
    @RestQuery
    @Parameter(description = "true: capacity now; false: no capacity now")
    public String available;
    @RestQuery
    @Parameter(description = "At most this price per hour for the whole instance")
    public String maxPrice;

    FilterParser.Raw raw() {
        return new FilterParser.Raw(provider, cloud, region, gpu, gpuCount, minGpuCount, minGpuMemoryGb, minVcpus,
                minMemoryGb, arch, usage, available, maxPrice);
    }
}
