// Build-time helper: compiles the tables kimput would otherwise build from lib/data at every
// start-up: the lexicon (Lexicon::image(); lib/kimput/entities/lexicon_image.cpp) and the
// date rules' piece and start filters (dates_detail::filters_image()). Used by
// CMakeLists.txt, which embeds the output beside the data files.
// usage: compile_tables LEXICON_OUT DATES_OUT
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "kimput/entities/lexicon.h"
#include "kimput/passes/dates.h"
#include "kimput/resources.h"

// The compiler's own tables are built from the files: it has no images to read.
std::string_view kimput::detail::lexicon_image() { return {}; }
std::string_view kimput::detail::dates_filters_image() { return {}; }

namespace {

void write(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: compile_tables LEXICON_OUT DATES_OUT\n";
    return 2;
  }
  try {
    write(argv[1], kimput::Lexicon({}, kimput::Lexicon::Source::Data).image());
    write(argv[2], kimput::dates_detail::filters_image());
  } catch (const std::exception& e) {
    std::cerr << "compile_tables: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
