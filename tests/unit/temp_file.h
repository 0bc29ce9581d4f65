// A file in the test's temporary folder, written at construction and removed with the
// object: a user's data file (lexicon, verbs, rules) for the loaders under test.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& bytes) : path(::testing::TempDir() + name) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};
