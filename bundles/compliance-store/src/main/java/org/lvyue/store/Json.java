package org.lvyue.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.lvyue.api.store.StoreException;

/** The JSON text columns: fact attributes (an object of strings) and finding fact ids (an array of strings). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final JavaType STRING_MAP =
            MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
    private static final JavaType STRING_LIST =
            MAPPER.getTypeFactory().constructCollectionType(ArrayList.class, String.class);

    private Json() {
    }

    /** The attributes as a JSON object with sorted keys, or null when there are none. */
    static String attributes(Map<String, String> attributes) {
        return attributes.isEmpty() ? null : write(attributes);
    }

    static Map<String, String> attributes(String json) {
        return json == null ? Map.of() : read(json, STRING_MAP);
    }

    static String ids(List<String> ids) {
        return write(ids);
    }

    static List<String> ids(String json) {
        return json == null ? List.of() : read(json, STRING_LIST);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
