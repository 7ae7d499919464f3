package dev.tether.jakarta.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A role of a codec class together with the session's instance of that class. Two roles of one
 * class share one instance (and so one monitor). Immutable.
 */
record BoundRole(CodecRole role, CodecInstance instance) {

    /** The distinct instances behind {@code bound}, in the order they first appear. */
    static List<CodecInstance> instancesOf(List<BoundRole> bound) {
        Set<CodecInstance> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CodecInstance> instances = new ArrayList<>();
        for (BoundRole b : bound) {
            if (seen.add(b.instance())) {
                instances.add(b.instance());
            }
        }
        return List.copyOf(instances);
    }
}
