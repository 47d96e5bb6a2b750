// A fast reader for catalogs that are entirely right, which is nearly every catalog the app loads.
//
// It scans the JSON text once, without nlohmann/json and without building a value per member, and
// checks every field by the same rules as the checking reader (core/catalog_rules.h). It never
// explains: on anything it does not accept (a syntax error, a wrong field, a byte order mark, an escape
// it does not handle...) it gives up, and load_catalog() reads the text again with the checking reader,
// which reports precisely what is wrong. So the errors stay those of one reader, and for every text the
// two readers either give the same catalog or the fast one gives none (tests and the fuzz target
// compare them).
//
// Why: the checking reader took ~0.8 s for 100k tracks in wasm; loading a catalog is what a person waits
// for when they bring their own.
#pragma once

#include <optional>
#include <string_view>

#include "core/catalog.h"

namespace attune {

std::optional<Catalog> read_valid_catalog(std::string_view text, const CatalogLimits& limits);

}  // namespace attune
