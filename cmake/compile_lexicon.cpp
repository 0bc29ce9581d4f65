// Build-time helper: compiles the lexicon of lib/data/lexicon into the tables kimput reads
// at start-up (Lexicon::image(); see lib/kimput/entities/lexicon_image.cpp). Used by
// CMakeLists.txt, which embeds the output beside the data files.
// usage: compile_lexicon OUT
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "kimput/entities/lexicon.h"
#include "kimput/resources.h"

// The compiler's own lexicon is built from the files: it has no image to read.
std::string_view kimput::detail::lexicon_image() { return {}; }

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: compile_lexicon OUT\n";
    return 2;
  }
  try {
    const kimput::Lexicon lexicon({}, kimput::Lexicon::Source::Data);
    const std::string image = lexicon.image();
    const std::string tmp = std::string(argv[1]) + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary);
      f.write(image.data(), static_cast<std::streamsize>(image.size()));
      if (!f) throw std::runtime_error("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), argv[1]) != 0) throw std::runtime_error(std::string("cannot write ") + argv[1]);
  } catch (const std::exception& e) {
    std::cerr << "compile_lexicon: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
